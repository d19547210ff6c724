// fit's reuseMemory across the backends: the same bits as without it, and the memory really
// reused. Sizes are above RECYCLE_MIN_LENGTH, so batches and activations are recycled.
import { relu } from '@mlpkit/activations';
import { createBlasBackend } from '@mlpkit/backend-blas';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { DataLoader, TensorDataset } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Dropout, Linear, Sequential } from '@mlpkit/nn';
import { BatchNorm1d } from '@mlpkit/normalization';
import { Adam, SGD } from '@mlpkit/optimizers';
import { requiresGrad } from '@mlpkit/autograd';
import { type Backend, Generator, type Tensor, manualSeed, mul, ones, referenceBackend, recycleFloat32, setBackend, uninitializedFloat32 } from '@mlpkit/tensor';
import { evaluate, fit } from '@mlpkit/train';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBlas } from './has-blas.test-helper.js';

const FEATURES = 200, BATCH = 128, SAMPLES = 640;

function dataset(): TensorDataset {
  const g = new Generator(7);
  const x = new Float32Array(SAMPLES * FEATURES).map(() => g.random() * 2 - 1);
  const y = new Int32Array(SAMPLES).map((_, i) => (x[i * FEATURES] > 0 ? 1 : 0) + (x[i * FEATURES + 1] > 0 ? 1 : 0));
  return new TensorDataset(x, y);
}

/** `loader`, noting the memory of each batch's features in `seen`. */
function watched(loader: DataLoader, seen: Set<ArrayBufferLike>) {
  return { length: loader.length, *[Symbol.iterator]() { for (const b of loader) { seen.add(b.x.data.buffer); yield b; } } };
}

/** Trains 2 epochs; returns the epoch losses, the final state's bits and each batch's memory. */
async function train(reuseMemory: boolean, optimizerName: 'sgd' | 'adam', setToNone: boolean) {
  manualSeed(3);
  const model = new Sequential(new Linear(FEATURES, 256), new BatchNorm1d(256), relu, new Dropout(0.2), new Linear(256, 3));
  const params = model.parameters();
  const optimizer = optimizerName === 'sgd' ? new SGD(params, { lr: 0.05, momentum: 0.9 }) : new Adam(params, { lr: 1e-3 });
  const loader = new DataLoader(dataset(), { batchSize: BATCH, shuffle: true, seed: 5 });
  const batchMemory = new Set<ArrayBufferLike>();
  // Callbacks may read the gradients after a step (update ratios): their memory is not handed out.
  let gradsHandedOut = 0;
  const readsGrads = { onBatchEnd() {
    for (const p of params) {
      if (!p.grad) continue;
      const taken = [0, 1, 2].map(() => uninitializedFloat32(p.grad!.data.length));
      gradsHandedOut += taken.filter((a) => a.buffer === p.grad!.data.buffer).length;
      for (const a of taken) recycleFloat32(a); // as they were, for the steps that follow
    }
  } };
  const history = await fit(model, { train: watched(loader, batchMemory), loss: crossEntropy, optimizer, epochs: 2, reuseMemory, setToNone, callbacks: [readsGrads] });
  expect(gradsHandedOut).toBe(0);
  const state = Object.entries(model.stateDict()).map(([k, t]: [string, Tensor]) => [k, [...new Uint32Array(Float32Array.from(t.data as Float32Array).buffer)]]);
  return { losses: history.get('loss'), state, batchBuffers: batchMemory.size, steps: 2 * loader.length };
}

const backends: [string, () => Promise<Backend>][] = [
  ['reference', async () => referenceBackend],
  ['wasm', () => createWasmBackend()],
  ...(hasBlas ? [['blas', () => createBlasBackend()] as [string, () => Promise<Backend>]] : []),
];
afterAll(() => setBackend(referenceBackend));

describe('fit with reuseMemory', () => {
  for (const [name, make] of backends) {
    it(`gives the same bits as without it, and reuses the batches' memory (${name})`, async () => {
      setBackend(await make());
      // Gradients zeroed in place must survive the step: the next batch must not land on them.
      for (const [opt, setToNone] of [['sgd', true], ['sgd', false], ['adam', true]] as const) {
        const plain = await train(false, opt, setToNone), reused = await train(true, opt, setToNone);
        expect(reused.losses).toEqual(plain.losses);
        expect(reused.state).toEqual(plain.state);
        expect(plain.batchBuffers).toBe(plain.steps);
        // Each step's batch goes back when the step ends, and the next batch takes it.
        expect(reused.batchBuffers).toBe(1);
      }
    });
  }

  it('keeps an optimizer\'s parameter that is not the model\'s, and reuses validation batches too (wasm)', async () => {
    setBackend(await createWasmBackend());
    const run = async (reuseMemory: boolean) => {
      manualSeed(3);
      const inner = new Sequential(new Linear(FEATURES, 256), relu, new Linear(256, 3));
      // A learnable gain on the inputs, trained by the optimizer but not among the model's parameters.
      const gain = requiresGrad(ones([BATCH, FEATURES]));
      const model = {
        forward: (x: Tensor) => inner.forward(mul(x, gain)), parameters: () => inner.parameters(),
        train: () => inner.train(), eval: () => inner.eval(),
      };
      const optimizer = new SGD([...inner.parameters(), gain], { lr: 0.05 });
      const valBuffers = new Set<ArrayBufferLike>();
      const val = new DataLoader(dataset(), { batchSize: BATCH, shuffle: true, seed: 4 });
      const train = new DataLoader(dataset(), { batchSize: BATCH, shuffle: true, seed: 5 });
      // Gradients zeroed in place: a recycled gradient would be the next batch's memory, zeroed.
      const history = await fit(model, { train, val: watched(val, valBuffers), loss: crossEntropy, optimizer, epochs: 2, setToNone: false, reuseMemory });
      return { losses: history.get('loss'), valLosses: history.get('valLoss'), gain: [...gain.data], valBuffers: valBuffers.size, valBatches: 2 * val.length };
    };
    const plain = await run(false), reused = await run(true);
    expect(reused.losses).toEqual(plain.losses);
    expect(reused.valLosses).toEqual(plain.valLosses);
    expect(reused.gain).toEqual(plain.gain);
    expect(plain.valBuffers).toBe(plain.valBatches);
    // The batches and the gained inputs (the same length) take turns in the same few arrays.
    expect(reused.valBuffers).toBeLessThanOrEqual(3);
  });

  it('evaluate reuses each batch\'s memory too, with the same results, and refuses options it does not know', async () => {
    setBackend(await createWasmBackend());
    manualSeed(3);
    const model = new Sequential(new Linear(FEATURES, 256), relu, new Linear(256, 3));
    const run = (reuseMemory: boolean) => {
      const seen = new Set<ArrayBufferLike>();
      const loader = new DataLoader(dataset(), { batchSize: BATCH, shuffle: true, seed: 9 });
      return { result: evaluate(model, watched(loader, seen), { loss: crossEntropy, metrics: ['accuracy'], reuseMemory }), batchBuffers: seen.size, batches: loader.length };
    };
    const plain = run(false), reused = run(true);
    expect(reused.result).toEqual(plain.result);
    expect(plain.batchBuffers).toBe(plain.batches);
    expect(reused.batchBuffers).toBe(1);
    expect(() => evaluate(model, [], { reuse: true } as never)).toThrow(/evaluate: unknown option 'reuse'/);
    expect(() => evaluate(model, [], { reuseMemory: 'yes' } as never)).toThrow(/evaluate: expected reuseMemory to be true or false, got the string "yes"/);
  });
});
