import { type TensorStorage, Generator, Tensor } from '@mlpkit/tensor';
import { expect } from 'vitest';

/** A float32 tensor of uniform values in [-1, 1) from a seeded generator (test helper). */
export function randomTensor(shape: number[], seed: number): Tensor {
  const g = new Generator(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = g.random() * 2 - 1;
  return new Tensor(data, shape);
}

/** Asserts equal shapes and dtypes and elementwise |got − want| ≤ tol (NaN matching NaN). */
export function expectClose(got: TensorStorage, want: TensorStorage, tol: number): void {
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  let worst = 0, at = -1;
  for (let i = 0; i < want.data.length; i++) {
    const a = got.data[i], b = want.data[i];
    if (Number.isNaN(b) && Number.isNaN(a)) continue;
    const d = Math.abs(a - b);
    if (!(d <= worst)) { worst = d; at = i; }
  }
  expect(worst, `largest difference at flat index ${at}`).toBeLessThanOrEqual(tol);
}
