import type { Reporter } from '../pruning.js';
import type { FromRunner } from './trial-messages.js';
import { type LaunchRunner, TrialPool, type TrialPoolOptions, checkPoolOptions } from './trial-pool.js';
import { spawnTrialThread } from './thread-spawn.js';

/** Starts trial threads of `module` (see `spawnTrialThread`). */
export function launchThread(module: string): LaunchRunner {
  return (events) => {
    const w = spawnTrialThread(module);
    w.on('message', (msg: FromRunner) => events.message(msg))
      .on('error', (e: Error) => events.death(`the trial's worker thread crashed: ${e.message}`))
      .on('exit', (code: number) => events.death(`the trial's worker thread exited with code ${code}`));
    return {
      send: (msg) => w.postMessage(msg),
      stop: async () => {
        await w.terminate();
      },
    };
  };
}

/**
 * Worker threads that run trials of one trial module (`runSearch({ isolation: 'thread' })`), one
 * trial per thread at a time; threads start on first use and are reused, and a thread that dies
 * mid-trial fails that trial and is replaced. The threads share this process's V8 (its heap
 * structures and background GC and compiler threads), so two of them do less than twice the work
 * of one: {@link ProcessPool}, the default, scales better.
 */
export class ThreadPool extends TrialPool {
  constructor(size: number, module: string, reporter: Reporter, options: TrialPoolOptions = {}) {
    super(size, reporter, launchThread(module), checkPoolOptions('ThreadPool', options));
  }
}
