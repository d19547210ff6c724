// The runner side of a trial pool, shared by worker threads (thread-main) and child processes
// (process-main): imports the trial module once, then runs the trials sent, one at a time in the
// order sent, each after `manualSeed` of its seed, asking the pool whether to stop at each report.
import { manualSeed } from '@mlpkit/tensor';
import { runTrial } from '../run-trial.js';
import type { TrialSpec } from '../space.js';
import type { EarlyStop } from '../trial-record.js';
import type { TrialPort } from './trial-messages.js';
import { type TrialModule, fingerprint, loadFailure, loadTrialModule } from './trial-module.js';

// On globalThis rather than in a module variable: the built package may hold this file in more than one chunk.
const RUNNER = Symbol.for('@mlpkit/search trial runner');

/**
 * Whether this code runs in one of a search's trial runners (a trial process or worker thread),
 * which import the trial module: a file that is both the trial module and the program starting
 * the search starts it only when this is false.
 */
export function isTrialRunner(): boolean {
  return (globalThis as Record<symbol, unknown>)[RUNNER] === true;
}

/** Serves the trials the pool sends over `port`, with the trial module at `module`. */
export function serveTrials(port: TrialPort, module: string): void {
  (globalThis as Record<symbol, unknown>)[RUNNER] = true;
  const decisions = new Map<number, (stop: EarlyStop | null) => void>();
  let nextId = 0;
  let ready: Promise<TrialModule> | undefined;

  const load = async (): Promise<TrialModule> => {
    const mod = await loadTrialModule(module);
    await mod.setup?.();
    return mod;
  };

  const run = async (spec: TrialSpec): Promise<void> => {
    let mod: TrialModule;
    try {
      mod = await (ready ??= load());
    } catch (error) {
      // Not the trial's failure but the environment's: the pool gets no record to keep.
      port.post({ type: 'unloadable', index: spec.index, error: loadFailure(module, error) });
      return;
    }
    manualSeed(spec.seed);
    port.post({ type: 'started', index: spec.index });
    const record = await runTrial(mod.trial, spec, (index, epoch, value) =>
      new Promise((resolve) => {
        const id = nextId++;
        decisions.set(id, resolve);
        port.post({ type: 'report', id, index, epoch, value });
      }));
    port.post({ type: 'done', record });
  };

  // Trials run one after another in the order sent: the pool sends the next while one runs, so
  // that this runner never waits for the pool between trials.
  const queue: TrialSpec[] = [];
  let running = false;
  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let spec = queue.shift(); spec; spec = queue.shift()) await run(spec);
    running = false;
  };

  port.listen((msg) => {
    if (msg.type === 'run') {
      queue.push(msg.spec);
      void pump();
    } else if (msg.type === 'fingerprint') {
      // Only the module's import, not its setup(): the same instance serves the trials later.
      loadTrialModule(module).then((mod) => fingerprint(module, mod)).then(
        (print) => port.post({ type: 'fingerprint', print }),
        (error: unknown) => port.post({ type: 'unfingerprinted', error: loadFailure(module, error) }),
      );
    } else if (msg.type === 'cancel') {
      const i = queue.findIndex((s) => s.index === msg.index);
      // Not started: hand it back. Started (or finished): its record comes as usual.
      if (i >= 0) port.post({ type: 'cancelled', index: queue.splice(i, 1)[0].index });
    } else {
      decisions.get(msg.id)?.(msg.stop);
      decisions.delete(msg.id);
    }
  });
}
