import { requiresGrad } from '@mlpkit/autograd';
import { type Backend, type FusedKernels, Tensor, type TypedArray, manualSeed, matmulTransposed, randn, referenceBackend, setBackend, sum } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { gradStorageFor } from './grad-in-place.js';
import { Linear } from './linear.js';

afterEach(() => setBackend(referenceBackend));

/** A backend whose "own memory" is a set of copies it made, and whose Linear backward adds dW in place into them. */
function fakeBackend(): Backend & { copies: TypedArray[]; inPlace: number } {
  const copies: TypedArray[] = [];
  const state = { inPlace: 0 };
  const fused: FusedKernels = {
    linearBackward(dy, x, w, needs, addDwTo) {
      const dW = needs[1] ? matmulTransposed(dy, x, true, false) : null;
      const own = dW && addDwTo && copies.includes(addDwTo);
      if (own) { addDwTo.forEach((v, i) => { addDwTo[i] = v + dW.data[i]; }); state.inPlace++; }
      return [needs[0] ? matmulTransposed(dy, w, false, false) : null, own ? null : dW, needs[2] ? sum(dy, 0) : null];
    },
  };
  const backend = {
    ...referenceBackend, fused, copies,
    residentCopy: (v: TypedArray) => { const c = Float32Array.from(v as Float32Array); copies.push(c); return c; },
    get inPlace() { return state.inPlace; },
  };
  return backend;
}

describe('gradStorageFor', () => {
  it('moves an existing float32 gradient of a leaf once, keeping its values, and hands back the same storage after', () => {
    const backend = fakeBackend();
    const w = requiresGrad(new Tensor(Float32Array.from([1, 2, 3, 4]), [2, 2]));
    expect(gradStorageFor(w, backend)).toBeUndefined(); // no gradient yet: nothing to add into
    w.grad = new Tensor(Float32Array.from([5, 6, 7, 8]), [2, 2]);
    const storage = gradStorageFor(w, backend)!;
    expect(storage).toBe(backend.copies[0]);
    expect(w.grad.data).toBe(storage);
    expect(Array.from(storage)).toEqual([5, 6, 7, 8]);
    expect(gradStorageFor(w, backend)).toBe(storage);
    expect(backend.copies).toHaveLength(1);
  });

  it('never moves a weight\'s gradient twice, so replaced gradients cannot pile up in the backend\'s memory', () => {
    const backend = fakeBackend();
    const w = requiresGrad(new Tensor(new Float32Array(4), [2, 2]));
    w.grad = new Tensor(new Float32Array(4), [2, 2]);
    gradStorageFor(w, backend);
    w.grad = new Tensor(new Float32Array(4), [2, 2]); // e.g. the engine summed another use of w into a new tensor
    expect(gradStorageFor(w, backend)).toBeUndefined();
    expect(backend.copies).toHaveLength(1);
  });

  it('declines a backend without memory of its own, a gradient of another dtype or shape, and a non-leaf', () => {
    const w = requiresGrad(new Tensor(new Float32Array(4), [2, 2]));
    w.grad = new Tensor(new Float32Array(4), [2, 2]);
    expect(gradStorageFor(w, referenceBackend)).toBeUndefined();
    const backend = fakeBackend();
    const v = requiresGrad(new Tensor(new Float32Array(4), [2, 2]));
    v.grad = new Tensor(new Float64Array(4), [2, 2]);
    expect(gradStorageFor(v, backend)).toBeUndefined();
    v.grad = new Tensor(new Float32Array(4), [4]);
    expect(gradStorageFor(v, backend)).toBeUndefined();
    const nonLeaf = requiresGrad(new Tensor(new Float32Array(4), [2, 2])).mul(2);
    nonLeaf.grad = new Tensor(new Float32Array(4), [2, 2]);
    expect(gradStorageFor(nonLeaf, backend)).toBeUndefined();
    expect(backend.copies).toHaveLength(0);
  });
});

describe('Linear adding dW into the existing gradient', () => {
  // The same layer applied twice (tied weights) and two backward passes without zeroing:
  // every contribution must land in weight.grad exactly once.
  function grads(backend: Backend): number[][] {
    setBackend(backend);
    manualSeed(0);
    const layer = new Linear(3, 3);
    const x = randn([4, 3]);
    for (let pass = 0; pass < 2; pass++) sum(layer.forward(layer.forward(x)).mul(layer.forward(x))).backward();
    return [Array.from(layer.weight.grad!.data), Array.from(layer.bias!.grad!.data)];
  }

  it('gives the gradients of the composed backward, with tied weights and accumulation over passes', () => {
    const want = grads(referenceBackend);
    const backend = fakeBackend();
    const got = grads(backend);
    expect(backend.inPlace).toBeGreaterThan(0);
    got.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));
  });
});
