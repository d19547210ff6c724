import { relu } from '@mlpkit/activations';
import { noGrad } from '@mlpkit/autograd';
import { createBlasBackend } from '@mlpkit/backend-blas';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { type Backend, Tensor, inStepScope, manualSeed, referenceBackend, setBackend } from '@mlpkit/tensor';
import { type W1Data, w1Dataset } from './data.js';
import type { W1Trainer } from './protocol.js';
import { INFERENCE_BATCH, W1_LR } from './spec.js';

/** Which mlpkit backend to train on. */
export type MlpkitBackendName = 'wasm' | 'blas' | 'reference';

/** Milliseconds spent in each phase of the training steps run so far. */
export interface PhaseTimes { batch: number; forward: number; backward: number; step: number }

/** The mlpkit trainer, plus what the profile and memory modes read. */
export interface MlpkitTrainer extends W1Trainer {
  readonly phases: PhaseTimes;
  /** Bytes of wasm memory (the blas backend's too: its other kernels are wasm's; 0 on the reference backend). */
  readonly wasmBytes: number;
  /** Whether matmul runs the fused multiply-add kernel (wasm only). */
  readonly fusedMultiplyAdd: boolean;
  /** Makes this trainer's backend the active one again (for runs that interleave trainers). */
  activate(): void;
  close(): void;
}

/** How to set a trainer up beyond its backend and thread count. */
export interface TrainerOptions {
  /** Wraps the backend, e.g. to time every kernel (the profile mode). */
  wrap?: (b: Backend) => Backend;
  /** Pins the wasm matmul kernel (see createWasmBackend's `relaxedSimd`). */
  relaxedSimd?: boolean;
  /** Clear gradients to null before each step instead of zeroing them in place (the zeroGrad A/B). */
  setToNone?: boolean;
  /**
   * Run each step (and each inference batch) in a step scope (`openStepScope`), as `fit` does
   * with `reuseMemory`: its batch and activations are reused by the next step at once.
   */
  stepScope?: boolean;
}

/**
 * W1 with the real library, exactly as a user writes it: Sequential(Linear, relu, Linear),
 * crossEntropy, SGD (gradients zeroed in place unless `setToNone`), a shuffling DataLoader.
 * Nothing is disposed; results are plain arrays.
 */
export async function mlpkitTrainer(
  data: W1Data, backend: MlpkitBackendName, threads: number, { wrap = (b) => b, relaxedSimd, setToNone = false, stepScope = false }: TrainerOptions = {},
): Promise<MlpkitTrainer> {
  const wasm = backend === 'wasm' ? await createWasmBackend({ threads, relaxedSimd }) : null;
  const blas = backend === 'blas' ? await createBlasBackend({ threads }) : null;
  const active = wrap(wasm ?? blas ?? referenceBackend);
  setBackend(active);
  manualSeed(0);
  const model = new Sequential(new Linear(784, 256), relu, new Linear(256, 10));
  const optimizer = new SGD(model.parameters(), { lr: W1_LR });
  const dataset = w1Dataset(data);
  const loaders = new Map<number, DataLoader>();
  const loaderFor = (batch: number) => {
    let l = loaders.get(batch);
    if (!l) loaders.set(batch, (l = new DataLoader(dataset, { batchSize: batch, shuffle: true, seed: 1 })));
    return l;
  };
  const phases: PhaseTimes = { batch: 0, forward: 0, backward: 0, step: 0 };
  /** Runs `body`, inside a step scope when asked (as fit's reuseMemory does). */
  const inScope = <T>(op: string, body: () => T): T => (stepScope ? inStepScope(op, body, () => model.parameters()) : body());
  return {
    count: data.count,
    phases,
    get wasmBytes() { return (wasm ?? blas)?.memoryBytes ?? 0; },
    fusedMultiplyAdd: wasm?.fusedMultiplyAdd ?? false,
    async runSteps(batch, epoch, maxSteps) {
      let steps = 0, lossSum = 0;
      const t0 = performance.now();
      const batches = loaderFor(batch).iterEpoch(epoch);
      /** One step on the next batch, timing its phases; false when the epoch has no batch left. */
      const step = (): boolean => {
        const ta = performance.now();
        const next = batches.next();
        if (next.done) return false;
        const { x, y } = next.value;
        const tb = performance.now();
        // In place by default, as the PyTorch side's zero_grad() does in 1.13 (set_to_none=False):
        // on the wasm backend Linear's backward then adds dW into the gradient where it lies,
        // with nothing to copy out or back in for the update.
        optimizer.zeroGrad(setToNone);
        const loss = crossEntropy(model.forward(x), y);
        const tc = performance.now();
        loss.backward();
        const td = performance.now();
        optimizer.step();
        lossSum += loss.data[0];
        const te = performance.now();
        phases.batch += tb - ta; phases.forward += tc - tb; phases.backward += td - tc; phases.step += te - td;
        return true;
      };
      while (steps < maxSteps && inScope('W1', step)) steps++;
      return { steps, seconds: (performance.now() - t0) / 1000, lossSum };
    },
    async infer(start) {
      const x = new Tensor(data.features.subarray(start * 784, (start + INFERENCE_BATCH) * 784), [INFERENCE_BATCH, 784]);
      inScope('W1 inference', () => noGrad(() => model.forward(x)));
    },
    activate: () => setBackend(active),
    close: () => wasm?.close(),
  };
}
