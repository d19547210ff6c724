// Training on the wasm backend with weights and optimizer state in its memory (where Linear's
// fused kernels read them and the optimizers update them in place) gives the very bits of the
// same backend with that region turned off, where every update is the optimizers' JS loop.
import { relu } from '@mlpkit/activations';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { Adam, AdamW, SGD } from '@mlpkit/optimizers';
import { type Tensor, manualSeed, randn, referenceBackend, setBackend, tensor } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';

/** What this test needs of an optimizer (the classes differ in their hyperparameter types). */
interface Optimizer { zeroGrad(): void; step(): void }

afterEach(() => setBackend(referenceBackend));

const OPTIMIZERS: [string, (p: Tensor[]) => Optimizer][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })],
  ['SGD with Nesterov momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true })],
  ['Adam (AMSGrad)', (p) => new Adam(p, { lr: 0.01, amsgrad: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01, weightDecay: 0.1 })],
];

async function train(residentMiB: number, makeOptimizer: (p: Tensor[]) => Optimizer): Promise<{ bits: string[]; resident: number; updatesRun: number }> {
  const backend = await createWasmBackend({ threads: 2, residentMiB });
  // Count the in-place updates the backend accepted, to know which path each run took.
  let updatesRun = 0;
  const counted = Object.fromEntries(Object.entries(backend.updates!).map(([name, fn]) => [name, (...args: unknown[]) => {
    const ran = (fn as (...a: unknown[]) => boolean)(...args);
    if (ran) updatesRun++;
    return ran;
  }]));
  setBackend({ ...backend, updates: counted });
  try {
    manualSeed(3);
    const model = new Sequential(new Linear(20, 32), relu, new Linear(32, 5));
    const optimizer = makeOptimizer(model.parameters());
    const x = randn([48, 20]), y = tensor(Array.from({ length: 48 }, (_, i) => i % 5), { dtype: 'int32' });
    for (let step = 0; step < 5; step++) {
      optimizer.zeroGrad();
      crossEntropy(model.forward(x), y).backward();
      optimizer.step();
    }
    const bits = model.parameters().map((p) => Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('hex'));
    return { bits, resident: backend.residentBytes, updatesRun };
  } finally {
    backend.close();
  }
}

describe('resident weights and optimizer state on the wasm backend', () => {
  it.each(OPTIMIZERS)('%s: same bits with and without the resident region', async (_, makeOptimizer) => {
    const on = await train(16, makeOptimizer), off = await train(0, makeOptimizer);
    expect(on.resident).toBeGreaterThan(0);
    expect(on.updatesRun).toBe(5 * 4); // every step, each of the 4 parameters, in wasm
    expect(off.resident).toBe(0);
    expect(off.updatesRun).toBe(0); // every update in the optimizers' JavaScript loops
    expect(on.bits).toEqual(off.bits);
  });
});
