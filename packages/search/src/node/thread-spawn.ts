import { Worker } from 'node:worker_threads';
import { conditionFlags, runnerEntry, tsxFor } from './runner-loading.js';

/**
 * Starts the trial thread for `module`. TypeScript (this package's sources in the monorepo, or a
 * `.ts` trial module) is loaded through tsx, registered inside the thread before anything else:
 * a parent's `--import tsx` does not reach a worker's own entry on Node 20. Only the parent's
 * `--conditions` are passed on: V8 flags such as `--experimental-wasm-relaxed-simd` are per
 * process (the thread has them already) and a worker refuses them.
 */
export function spawnTrialThread(module: string): Worker {
  const entry = runnerEntry('thread-main');
  const api = tsxFor(entry, module, 'tsx/esm/api');
  const boot = api
    ? `import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`
    : `import(${JSON.stringify(entry)})`;
  return new Worker(boot, { eval: true, execArgv: conditionFlags(process.execArgv, entry), workerData: { module } });
}
