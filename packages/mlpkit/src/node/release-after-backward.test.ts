// Sequential's intermediates released after backward, on the backends whose kernels take their
// outputs from the pool of recycled arrays: the same bits as when they are left to the garbage
// collector, over steps whose arrays land in the previous step's intermediates.
import { type Activation, Sigmoid, Tanh, relu, sigmoid, tanh } from '@mlpkit/activations';
import { createBlasBackend } from '@mlpkit/backend-blas';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { crossEntropy } from '@mlpkit/losses';
import { Dropout, Linear, Sequential } from '@mlpkit/nn';
import { BatchNorm1d, LayerNorm } from '@mlpkit/normalization';
import { SGD } from '@mlpkit/optimizers';
import { noGrad } from '@mlpkit/autograd';
import { type Backend, Generator, type GradNode, type Tensor, manualSeed, randint, randn, referenceBackend, setBackend } from '@mlpkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBlas } from './has-blas.test-helper.js';

const ROWS = 96, FEATURES = 50, HIDDEN = 200; // ROWS × HIDDEN is above RECYCLE_MIN_LENGTH
type Act = ((x: Tensor) => Tensor) | Activation | Dropout | BatchNorm1d | LayerNorm;

/** The arrays of the Sequential's four intermediates, reached through the graph from its output `y`, the first layer's first. */
const intermediates = (y: Tensor): Float32Array[] => {
  const found: Float32Array[] = [];
  for (let t = y, i = 0; i < 4; i++) {
    t = (t.gradNode as GradNode).inputs[0];
    found.unshift(t.data as Float32Array);
  }
  return found;
};

/**
 * Four SGD steps of Linear → a → Linear → b → Linear (a and b wrapped, so not known to keep
 * nothing, when `wrap`): the losses, the final weights' bits, and how many
 * steps' first Linear output took an array the step before had for one of its intermediates.
 */
function train(a: Act, b: Act, wrap: boolean) {
  manualSeed(11);
  const x = randn([ROWS, FEATURES]), y = randint(0, 3, [ROWS]);
  // A layer's own bound forward is not the one known to keep nothing; the layer stays in the model with its parameters.
  const asLayer = (l: Act) => (!wrap ? l : typeof l === 'function' ? (t: Tensor) => l(t) : Object.assign(l, { forward: l.forward.bind(l) }));
  const model = new Sequential(new Linear(FEATURES, HIDDEN), asLayer(a), new Linear(HIDDEN, HIDDEN), asLayer(b), new Linear(HIDDEN, 3));
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const losses: number[] = [];
  let previous: Float32Array[] = [], reused = 0;
  for (let step = 0; step < 4; step++) {
    optimizer.zeroGrad();
    const out = model.forward(x);
    const now = intermediates(out);
    if (previous.includes(now[0])) reused++;
    previous = now;
    const loss = crossEntropy(out, y);
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  }
  const bits = model.parameters().map((p) => [...new Uint32Array(Float32Array.from(p.data as Float32Array).buffer)]);
  return { losses, bits, reused };
}

const backends: [string, () => Promise<Backend>][] = [
  ['wasm', () => createWasmBackend()],
  ...(hasBlas ? [['blas', () => createBlasBackend()] as [string, () => Promise<Backend>]] : []),
];
afterAll(() => setBackend(referenceBackend));

describe("Sequential's intermediates, released after backward", () => {
  for (const [name, make] of backends) {
    it(`train to the same bits as when left to the collector, in the previous step's memory (${name})`, async () => {
      setBackend(await make());
      // Made afresh for each run: a Dropout's generator moves on as it draws its masks.
      const pairs: (() => [Act, Act])[] = [
        () => [relu, relu], () => [tanh, new Sigmoid()], () => [new Tanh(), sigmoid], () => [relu, new Dropout(0.3, { generator: new Generator(5) })],
        () => [new BatchNorm1d(HIDDEN), new LayerNorm(HIDDEN)], () => [new LayerNorm(HIDDEN), new BatchNorm1d(HIDDEN)],
      ];
      for (const pair of pairs) {
        const kept = train(...pair(), true), released = train(...pair(), false);
        expect(released.losses).toEqual(kept.losses);
        expect(released.bits).toEqual(kept.bits);
        // Every step after the first, the first Linear's output lands in an intermediate of the
        // step before; when they are left to the collector, never.
        expect(released.reused).toBe(3);
        expect(kept.reused).toBe(0);
      }
    });

    it(`leave the caller's input alone when an evaluation Dropout hands it to the next layer (${name})`, async () => {
      setBackend(await make());
      manualSeed(4);
      const x = randn([100, HIDDEN]), values = x.data.slice();
      const model = new Sequential(new Dropout(0.2), new BatchNorm1d(HIDDEN), relu, new BatchNorm1d(HIDDEN), relu).eval();
      const outputs = [0, 1, 2].map(() => noGrad(() => model.forward(x)).data.slice());
      expect(x.data).toEqual(values);
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
    });
  }
});
