import type { ChildProcess } from 'node:child_process';
import type { Reporter } from '../pruning.js';
import { spawnTrialProcess } from './process-spawn.js';
import type { FromRunner } from './trial-messages.js';
import { type LaunchRunner, type RunnerEnd, TrialPool, type TrialPoolOptions, checkPoolOptions } from './trial-pool.js';

/** Kills `child` and resolves once it has exited (at once if it already has). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// A terminal sends SIGINT (Ctrl-C) to its whole process group, trial processes included: it ends
// the trial, not because of anything in it. Any other signal (a watchdog's SIGTERM, the OOM
// killer's SIGKILL) is that trial's end, unless the same signal stops the pool's owner, whose
// close() gives the trial back within the pool's grace (KILL_GRACE_MS).
const INTERRUPTS = new Set<string>(['SIGINT']);

function ending(signal: NodeJS.Signals | null): RunnerEnd {
  if (signal === null) return 'failed';
  return INTERRUPTS.has(signal) ? 'interrupted' : 'killed';
}

/** Starts trial processes of `module` (see `spawnTrialProcess`). */
export function launchProcess(module: string): LaunchRunner {
  return (events) => {
    const child = spawnTrialProcess(module);
    child.on('message', (msg) => events.message(msg as FromRunner))
      .on('error', (e) => {
        events.death(`the trial's process failed: ${e.message}`);
        child.kill('SIGKILL');
      })
      .on('exit', (code, signal) => events.death(signal ? `the trial's process was killed by ${signal}` : `the trial's process exited with code ${code}`, ending(signal)));
    return { send: (msg) => void child.send(msg), stop: () => stopChild(child) };
  };
}

/**
 * Child processes that run trials of one trial module, one trial per process at a time (the
 * default of `runSearch`): each process runs on one core (see `spawnTrialProcess`), so N of them
 * do N times the work of one. Processes start on first use and are reused; one that dies
 * mid-trial (a crash, `process.exit`, a kill) fails that trial and is replaced, except that one
 * stopped by SIGINT (Ctrl-C) leaves its trial unrecorded (`run` rejects with a
 * `TrialNotRunError`). A trial whose process a signal killed is recorded as failed a moment
 * later (`KILL_GRACE_MS`), unless `close()` comes first: then it rejects as closed, as the
 * trials of a queue worker stopped by a signal sent to its whole group. `close()` kills them,
 * and they never outlive this process.
 */
export class ProcessPool extends TrialPool {
  constructor(size: number, module: string, reporter: Reporter, options: TrialPoolOptions = {}) {
    super(size, reporter, launchProcess(module), checkPoolOptions('ProcessPool', options));
  }
}
