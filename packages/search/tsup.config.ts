import { packageBuild } from '../../tsup.config.base';

// The shared build plus the bin (node/cli) and the trial runners' entries (node/thread-main for
// worker threads, node/process-main for child processes), which the node entry starts by URL; shims give the CommonJS build an import.meta.url.
export default packageBuild({
  node: true,
  internal: { 'node/cli': 'src/node/cli.ts', 'node/thread-main': 'src/node/thread-main.ts', 'node/process-main': 'src/node/process-main.ts' },
  shims: true,
});
