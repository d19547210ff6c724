import type { ChildProcess } from 'node:child_process';
import type { Reporter } from '../pruning.js';
import { spawnTrialProcess } from './process-spawn.js';
import type { FromRunner } from './trial-messages.js';
import { type LaunchRunner, TrialPool, type TrialPoolOptions, checkPoolOptions } from './trial-pool.js';

/** Kills `child` and resolves once it has exited (at once if it already has). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// A terminal sends SIGINT (Ctrl-C) to its whole process group, trial processes included: it ends
// the trial, not because of anything in it. A SIGTERM or SIGHUP sent to one trial process (a
// watchdog, an OOM killer's warning) is that trial's end, so it fails as any other kill; when the
// pool's owner is stopping, close() gives its trials back itself.
const INTERRUPTS = new Set<string>(['SIGINT']);

function launchProcess(module: string): LaunchRunner {
  return (events) => {
    const child = spawnTrialProcess(module);
    child.on('message', (msg) => events.message(msg as FromRunner))
      .on('error', (e) => {
        events.death(`the trial's process failed: ${e.message}`);
        child.kill('SIGKILL');
      })
      .on('exit', (code, signal) => events.death(signal ? `the trial's process was killed by ${signal}` : `the trial's process exited with code ${code}`, INTERRUPTS.has(signal ?? '')));
    return { send: (msg) => void child.send(msg), stop: () => stopChild(child) };
  };
}

/**
 * Child processes that run trials of one trial module, one trial per process at a time (the
 * default of `runSearch`): each process runs on one core (see `spawnTrialProcess`), so N of them
 * do N times the work of one. Processes start on first use and are reused; one that dies
 * mid-trial (a crash, `process.exit`, a kill) fails that trial and is replaced, except that one
 * stopped by SIGINT (Ctrl-C) leaves its trial unrecorded (`run` rejects with a
 * `TrialNotRunError`). `close()` kills them, and they never outlive this process.
 */
export class ProcessPool extends TrialPool {
  constructor(size: number, module: string, reporter: Reporter, options: TrialPoolOptions = {}) {
    super(size, reporter, launchProcess(module), checkPoolOptions('ProcessPool', options));
  }
}
