import { type TypedArray, referenceBackend, setBackend } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { subtractScaled } from './subtract-scaled.js';

describe('subtractScaled', () => {
  it('computes param − scale·grad for every length around the unrolled width, in each storage type', () => {
    for (let n = 0; n <= 9; n++) {
      const values = Array.from({ length: n }, (_, i) => 0.5 * i - 1);
      const grads = Array.from({ length: n }, (_, i) => (i % 3) - 1.25);
      const expected = values.map((v, i) => v - 0.1 * grads[i]);
      const p32 = Float32Array.from(values), p64 = Float64Array.from(values), mixed = Float32Array.from(values);
      subtractScaled(p32, Float32Array.from(grads), 0.1);
      subtractScaled(p64, Float64Array.from(grads), 0.1);
      subtractScaled(mixed, grads, 0.1);
      expect([...p64]).toEqual(expected);
      expect([...p32]).toEqual(expected.map((_, i) => Math.fround(values[i] - 0.1 * Math.fround(grads[i]))));
      expect([...mixed]).toEqual([...p32]);
    }
  });
});

describe('subtractScaled on a backend with an in-place axpy', () => {
  afterEach(() => setBackend(referenceBackend));

  it('hands float32 updates to the backend as y + (−scale)·x, and loops itself when the backend declines', () => {
    const calls: [TypedArray, number, TypedArray][] = [];
    let accept = true;
    setBackend({ ...referenceBackend, kernels: { ...referenceBackend.kernels, axpy: (y, alpha, x) => { calls.push([y, alpha, x]); return accept; } } });
    const p = Float32Array.from([1, 2]), g = Float32Array.from([4, 8]);
    subtractScaled(p, g, 0.5);
    expect(calls).toEqual([[p, -0.5, g]]);
    expect([...p]).toEqual([1, 2]); // the (fake) backend did nothing
    accept = false;
    subtractScaled(p, g, 0.5);
    expect([...p]).toEqual([-1, -2]);
    subtractScaled(Float64Array.from([1]), [1], 1);
    expect(calls).toHaveLength(2); // float64 never reaches the backend
  });
});
