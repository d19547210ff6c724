// One system's W1 run in its own process, so that its peak RSS is its own: the parent passes a
// JSON spec as argv[2]; the last stdout line is the JSON W1Result.
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { loadW1Data } from './data.js';
import { mlpkitTrainer } from './mlpkit-trainer.js';
import { type W1Trainer, measureEpochs, measureInference } from './protocol.js';
import type { EpochPlan, W1Result } from './spec.js';
import { tfjsTrainer } from './tfjs-trainer.js';

/** What the parent asks a child to run. */
export interface ChildSpec {
  system: 'mlpkit wasm' | 'mlpkit blas' | 'mlpkit reference' | 'tfjs wasm' | 'tfjs cpu';
  threads: number;
  plans: EpochPlan[];
  inferenceSeconds: number;
  /** mlpkit wasm only: run the matmul kernel (FMA or multiply-then-add) that the default does not pick here. */
  otherKernel?: boolean;
  /** mlpkit only: every step in a step scope, whose memory the next step reuses (see mlpkitTrainer). */
  stepScope?: boolean;
}

/** Whether the wasm backend's default matmul kernel on this machine is the fused multiply-add one. */
async function defaultUsesFma(): Promise<boolean> {
  const probe = await createWasmBackend({ threads: 1 });
  probe.close();
  return probe.fusedMultiplyAdd;
}

async function main(spec: ChildSpec): Promise<W1Result> {
  const data = await loadW1Data();
  let trainer: W1Trainer, version: string | undefined, close = () => {}, label: string = spec.system;
  if (spec.system.startsWith('mlpkit')) {
    const relaxedSimd = spec.otherKernel ? !(await defaultUsesFma()) : undefined;
    const backend = spec.system === 'mlpkit wasm' ? 'wasm' : spec.system === 'mlpkit blas' ? 'blas' : 'reference';
    let t;
    try {
      t = await mlpkitTrainer(data, backend, spec.threads, { relaxedSimd, stepScope: spec.stepScope });
    } catch (error) {
      // No BLAS library on this machine: a skipped row that says why, not a failed run.
      if (backend !== 'blas') throw error;
      return { system: label, threads: spec.threads, epochs: [], inferenceImagesPerSecond: NaN, peakRssMiB: NaN, note: `skipped: ${(error as Error).message}` };
    }
    trainer = t;
    if (spec.otherKernel) label = `${spec.system} ${t.fusedMultiplyAdd ? 'FMA' : 'mul+add'}`;
    if (spec.stepScope) label = `${label}, step scope`;
    close = () => t.close();
  } else {
    const t = await tfjsTrainer(data, spec.system === 'tfjs wasm' ? 'wasm' : 'cpu');
    trainer = t;
    version = t.version;
  }
  const epochs = [];
  for (const plan of spec.plans) epochs.push(await measureEpochs(trainer, plan));
  const inferenceImagesPerSecond = await measureInference(trainer, spec.inferenceSeconds);
  close();
  return { system: label, threads: spec.threads, version, epochs, inferenceImagesPerSecond, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

const result = await main(JSON.parse(process.argv[2]) as ChildSpec);
console.log(JSON.stringify(result));
process.exit(0);
