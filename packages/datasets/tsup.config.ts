import type { Options } from 'tsup';
import { packageBuild } from '../../tsup.config.base';

// CSV parsing (papaparse) is its own entry, `@mlpkit/datasets/csv`, so that only CSV users load
// or bundle it.
const base = packageBuild({ node: true }) as Options;
export default { ...base, entry: { ...(base.entry as Record<string, string>), csv: 'src/csv.ts' } } satisfies Options;
