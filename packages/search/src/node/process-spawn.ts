import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { conditionFlags, runnerEntry, tsxFor } from './runner-loading.js';

// V8 flags of the parent that change what a trial computes or how (wasm features such as
// `--experimental-wasm-relaxed-simd`, memory limits): a worker thread shares them, a process must be given them.
const V8_FLAGS = /^--(no-)?(experimental-)?wasm-|^--(max-old-space-size|max-semi-space-size|stack-size)=/;

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills `child` when this process exits; the child also exits by itself when its IPC channel closes (process-main). */
function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/**
 * Starts a trial process for `module`: `process-main` forked with an IPC channel that carries
 * messages by the structured-clone algorithm (`serialization: 'advanced'`), so a record's NaN and
 * undefined arrive as they would from a worker thread.
 *
 * Each child runs with V8's `--single-threaded` (no background GC marking, sweeping or compiler
 * threads), because every core already runs a trial process. Measured on a 2-core machine: a
 * worker thread keeps 1.23 cores busy (the trial ~1.0, V8's background threads the rest), so 2
 * threads in one process reach only 1.37–1.45× one (1.2–1.5× with the demo's wasm trial), and
 * 1.28–1.33× even with `--single-threaded` (a trial costs ~19% more CPU next to another in the
 * same process: shared allocator and V8 structures). With warm pools, two `--single-threaded`
 * processes of one trial each ran 1.90–1.92× the trials per minute of one (`pnpm bench --search`,
 * 2026-12-07 03:30 UTC: 7988–8603 against 4204–4472), where two worker threads ran 1.64×.
 */
export function spawnTrialProcess(module: string): ChildProcess {
  const entry = runnerEntry('process-main');
  const loader = tsxFor(entry, module, 'tsx/esm');
  const execArgv = ['--single-threaded', ...conditionFlags(process.execArgv, entry), ...process.execArgv.filter((a) => V8_FLAGS.test(a))];
  if (loader) execArgv.push('--import', loader);
  const child = fork(fileURLToPath(entry), [module], { execArgv, serialization: 'advanced' });
  killOnExit(child);
  return child;
}
