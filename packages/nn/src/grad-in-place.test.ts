import { requiresGrad } from '@mlpkit/autograd';
import {
  type Backend, type FusedKernels, Tensor, type TypedArray, manualSeed, matmulTransposed, randn, referenceBackend, setBackend, sum,
} from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { Linear } from './linear.js';

afterEach(() => setBackend(referenceBackend));

const asTensor = (s: { data: TypedArray; shape: readonly number[] }) => new Tensor(s.data, s.shape);

/** A backend whose "own memory" is a set of copies it made, and whose Linear backward adds dW in place into them. */
function fakeBackend(): Backend & { copies: TypedArray[]; inPlace: number } {
  const copies: TypedArray[] = [];
  const state = { inPlace: 0 };
  const linearBackward: FusedKernels['linearBackward'] = (dy, x, w, needs, addDwTo) => {
    const dW = needs[1] ? matmulTransposed(asTensor(dy), asTensor(x), true, false) : null;
    const own = dW && addDwTo && copies.includes(addDwTo);
    if (own) { addDwTo.forEach((v, i) => { addDwTo[i] = v + dW.data[i]; }); state.inPlace++; }
    return [needs[0] ? matmulTransposed(asTensor(dy), asTensor(w), false, false) : null, own ? null : dW, needs[2] ? sum(asTensor(dy), 0) : null];
  };
  const residentCopy = (v: TypedArray) => { const c = Float32Array.from(v as Float32Array); copies.push(c); return c; };
  return {
    ...referenceBackend, kernels: { ...referenceBackend.kernels, linearBackward, residentCopy }, copies,
    get inPlace() { return state.inPlace; },
  };
}

describe('Linear adding dW into the gradient autograd offers', () => {
  // The same layer applied twice (tied weights) and two backward passes without zeroing:
  // every contribution must land in weight.grad exactly once.
  function grads(backend: Backend): number[][] {
    setBackend(backend);
    manualSeed(0);
    const layer = new Linear(3, 3);
    const x = randn([4, 3]);
    for (let pass = 0; pass < 3; pass++) sum(layer.forward(layer.forward(x)).mul(layer.forward(x))).backward();
    return [Array.from(layer.weight.grad!.data), Array.from(layer.bias!.grad!.data)];
  }

  it('gives the gradients of the composed backward, with tied weights and accumulation over passes', () => {
    const want = grads(referenceBackend);
    const backend = fakeBackend();
    const got = grads(backend);
    // Passes 2 and 3 each offer the weight's gradient to the three uses of the layer.
    expect(backend.inPlace).toBe(6);
    got.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));
  });

  it('declines nothing it was not offered: without an existing gradient dW comes back as a tensor', () => {
    const backend = fakeBackend();
    setBackend(backend);
    const layer = new Linear(2, 2);
    sum(layer.forward(requiresGrad(randn([3, 2])))).backward();
    expect(backend.inPlace).toBe(0);
    expect(layer.weight.grad!.shape).toEqual([2, 2]);
  });
});
