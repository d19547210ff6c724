import { Generator, Tensor, type TensorStorage } from '@mlpkit/tensor';
import { expect } from 'vitest';
import { loadCblas } from './cblas.js';

/** Whether this machine has a CBLAS: the tests that need one are skipped (and say so) when not. */
export const hasBlas = await loadCblas().then(() => true, (error: Error) => {
  console.warn(`backend-blas tests skipped: ${error.message}`);
  return false;
});

/** A float32 tensor of uniform values in [-1, 1) from a seeded generator (test helper). */
export function randomTensor(shape: number[], seed: number): Tensor {
  const g = new Generator(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = g.random() * 2 - 1;
  return new Tensor(data, shape);
}

/** Asserts equal shapes and dtypes and elementwise |got − want| ≤ tol. */
export function expectClose(got: TensorStorage, want: TensorStorage, tol: number): void {
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  let worst = 0;
  for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]));
  expect(worst).toBeLessThanOrEqual(tol);
}
