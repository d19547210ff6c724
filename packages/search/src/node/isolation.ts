import { MlpkitError } from '@mlpkit/tensor';
import type { Reporter } from '../pruning.js';
import { ProcessPool, launchProcess } from './process-pool.js';
import { ThreadPool, launchThread } from './thread-pool.js';
import type { LaunchRunner, TrialPool, TrialPoolOptions } from './trial-pool.js';

/** Where trials run: each in a child process (the default: scales with the cores) or on a worker thread. */
export type Isolation = 'process' | 'thread';

/** Checks `isolation`, defaulting to 'process'. */
export function checkIsolation(op: string, isolation: unknown): Isolation {
  if (isolation === undefined) return 'process';
  if (isolation !== 'process' && isolation !== 'thread') throw new MlpkitError(op, `isolation must be 'process' or 'thread', got ${String(isolation)}`);
  return isolation;
}

/** How to start one trial runner of `module` of the given isolation. */
export function launcher(isolation: Isolation, module: string): LaunchRunner {
  return isolation === 'thread' ? launchThread(module) : launchProcess(module);
}

/** A pool of `size` trial runners of `module` of the given isolation. */
export function openPool(isolation: Isolation, size: number, module: string, reporter: Reporter, options: TrialPoolOptions = {}): TrialPool {
  return isolation === 'thread' ? new ThreadPool(size, module, reporter, options) : new ProcessPool(size, module, reporter, options);
}
