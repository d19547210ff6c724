// The worker-thread side of ThreadPool: imports the trial module once, then runs one trial at a
// time, each after `manualSeed` of its seed, asking the parent whether to stop at each report.
import { parentPort, workerData } from 'node:worker_threads';
import { manualSeed } from '@mlpkit/tensor';
import type { EarlyStop } from '../trial-record.js';
import { runTrial } from '../run-trial.js';
import type { TrialSpec } from '../space.js';
import { type TrialModule, loadTrialModule } from './trial-module.js';
import type { ToThread } from './thread-messages.js';

const port = parentPort;
if (!port) throw new Error('thread-main runs as a worker thread of @mlpkit/search');
const decisions = new Map<number, (stop: EarlyStop | null) => void>();
let nextId = 0;
let ready: Promise<TrialModule> | undefined;

async function load(): Promise<TrialModule> {
  const mod = await loadTrialModule((workerData as { module: string }).module);
  await mod.setup?.();
  return mod;
}

async function run(spec: TrialSpec): Promise<void> {
  let mod: TrialModule;
  try {
    mod = await (ready ??= load());
  } catch (error) {
    const message = `could not load the trial module: ${error instanceof Error ? error.message : String(error)}`;
    port!.postMessage({ type: 'done', record: { ...spec, status: 'failed', score: null, error: message, reports: {}, ms: 0 } });
    return;
  }
  manualSeed(spec.seed);
  const record = await runTrial(mod.trial, spec, (index, epoch, value) =>
    new Promise((resolve) => {
      const id = nextId++;
      decisions.set(id, resolve);
      port!.postMessage({ type: 'report', id, index, epoch, value });
    }));
  port!.postMessage({ type: 'done', record });
}

port.on('message', (msg: ToThread) => {
  if (msg.type === 'run') void run(msg.spec);
  else {
    decisions.get(msg.id)?.(msg.stop);
    decisions.delete(msg.id);
  }
});
