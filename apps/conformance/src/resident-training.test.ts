// Training on the wasm backend with weights and optimizer state in its memory (where Linear's
// fused kernels read them and the optimizers update them in place) gives the very bits of the
// same backend with that region turned off, where every update is the optimizers' JS loop; and
// with gradients zeroed in place, where Linear's backward adds dW into them, the same bits again.
import { relu } from '@mlpkit/activations';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { Adam, AdamW, SGD } from '@mlpkit/optimizers';
import { type Tensor, manualSeed, randn, referenceBackend, setBackend, tensor } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';

/** What this test needs of an optimizer (the classes differ in their hyperparameter types). */
interface Optimizer { zeroGrad(setToNone?: boolean): void; step(): void }

afterEach(() => setBackend(referenceBackend));

const OPTIMIZERS: [string, (p: Tensor[]) => Optimizer][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })],
  ['SGD with Nesterov momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true })],
  ['Adam (AMSGrad)', (p) => new Adam(p, { lr: 0.01, amsgrad: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01, weightDecay: 0.1 })],
];

interface Run { bits: string[]; resident: number[]; updatesRun: number; dwInPlace: number }

async function train(residentMiB: number, makeOptimizer: (p: Tensor[]) => Optimizer, setToNone = true): Promise<Run> {
  const backend = await createWasmBackend({ threads: 2, residentMiB });
  // Count the backward passes whose dW the backend added into the weight's gradient in place.
  let dwInPlace = 0;
  const k = backend.kernels;
  const linearBackward: typeof k.linearBackward = (...args) => {
    const out = k.linearBackward!(...args);
    if (out && args[3][1] && out[1] === null) dwInPlace++;
    return out;
  };
  // Count the in-place optimizer updates the backend accepted, to know which path each run took
  // (axpy with alpha 1 is autograd adding a gradient into an existing one, not an update).
  let updatesRun = 0;
  const count = (ran: boolean) => { if (ran) updatesRun++; return ran; };
  setBackend({ ...backend, kernels: { ...k, linearBackward,
    axpy: (y, alpha, x) => (alpha === 1 ? k.axpy!(y, alpha, x) : count(k.axpy!(y, alpha, x))),
    sgdMomentum: (...args) => count(k.sgdMomentum!(...args)),
    adam: (...args) => count(k.adam!(...args)),
  } });
  try {
    manualSeed(3);
    const model = new Sequential(new Linear(20, 32), relu, new Linear(32, 5));
    const optimizer = makeOptimizer(model.parameters());
    const x = randn([48, 20]), y = tensor(Array.from({ length: 48 }, (_, i) => i % 5), { dtype: 'int32' });
    const resident: number[] = [];
    for (let step = 0; step < 5; step++) {
      optimizer.zeroGrad(setToNone);
      crossEntropy(model.forward(x), y).backward();
      optimizer.step();
      resident.push(backend.residentBytes);
    }
    const bits = model.parameters().map((p) => Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('hex'));
    return { bits, resident, updatesRun, dwInPlace };
  } finally {
    backend.close();
  }
}

describe('resident weights and optimizer state on the wasm backend', () => {
  it.each(OPTIMIZERS)('%s: same bits with and without the resident region', async (_, makeOptimizer) => {
    const on = await train(16, makeOptimizer), off = await train(0, makeOptimizer);
    expect(on.resident[4]).toBeGreaterThan(0);
    expect(on.updatesRun).toBe(5 * 4); // every step, each of the 4 parameters, in wasm
    expect(off.resident[4]).toBe(0);
    expect(off.updatesRun).toBe(0); // every update in the optimizers' JavaScript loops
    expect(on.bits).toEqual(off.bits);
    expect(on.dwInPlace).toBe(0); // zeroGrad() leaves no gradient to add into
  });

  it.each(OPTIMIZERS)('%s: zeroGrad(false) adds Linear\'s dW into the resident gradient in place, with the same bits', async (_, makeOptimizer) => {
    const inPlace = await train(16, makeOptimizer, false), fresh = await train(16, makeOptimizer, true);
    expect(inPlace.bits).toEqual(fresh.bits);
    // From the second step on, both layers' dW go straight into their gradients...
    expect(inPlace.dwInPlace).toBe(4 * 2);
    // ...which moved into the resident region once: it stops growing.
    expect(inPlace.resident[1]).toBeGreaterThan(fresh.resident[1]);
    expect(new Set(inPlace.resident.slice(1)).size).toBe(1);
  });
});
