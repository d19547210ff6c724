import { packageBuild } from '../../tsup.config.base';

// CSV parsing (papaparse) is its own entry, `@mlpkit/datasets/csv`, so that only CSV users load
// or bundle it.
export default packageBuild({ node: true, entries: { csv: 'src/csv.ts' } });
