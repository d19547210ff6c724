import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.js';

function reconstruct(values: Float64Array, vectors: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < n; p++)
    for (let q = 0; q < n; q++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[p * n + k] * values[k] * vectors[q * n + k];
      out.push(s);
    }
  return out;
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues of a 2×2 matrix, largest first', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('reconstructs A = E diag(λ) Eᵀ with orthonormal E for a 5×5 matrix', () => {
    const n = 5;
    const a = new Float64Array(n * n);
    for (let p = 0; p < n; p++) for (let q = 0; q <= p; q++) a[p * n + q] = a[q * n + p] = Math.sin(p * 3 + q * 7 + 1) * 10;
    const { values, vectors } = symmetricEigen(a, n);
    reconstruct(values, vectors, n).forEach((v, i) => expect(v).toBeCloseTo(a[i], 10));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let r = 0; r < n; r++) dot += vectors[r * n + i] * vectors[r * n + j];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
  });

  it('refuses a non-symmetric matrix or a wrong size', () => {
    expect(() => symmetricEigen(Float64Array.from([1, 2, 3, 4]), 2)).toThrow(/\[0, 1\] = 2 and \[1, 0\] = 3/);
    expect(() => symmetricEigen(new Float64Array(3), 2)).toThrow(MlpkitError);
  });

  it('refuses a tensor, a bad n or maxSweeps and non-finite values, saying what it expected', () => {
    const t = tensor([[2, 1], [1, 2]], { dtype: 'float64' });
    expect(() => symmetricEigen(t as never, 2)).toThrow(
      'symmetricEigen: expected the matrix as a row-major Float64Array, got an object (Tensor) (pass Float64Array.from(t.data) and t.shape[0])',
    );
    expect(() => symmetricEigen(new Float64Array(4), undefined as never)).toThrow('symmetricEigen: expected n to be an integer in 0..9007199254740991, got undefined');
    expect(() => symmetricEigen(new Float64Array(4), 2, { maxSweeps: -1 })).toThrow('expected maxSweeps to be an integer in 0..9007199254740991, got -1');
    expect(() => symmetricEigen(Float64Array.of(NaN, 0, 0, 1), 2)).toThrow('symmetricEigen: expected finite values, got NaN at [0, 0]');
  });

  it('refuses an unknown option', () => {
    expect(() => symmetricEigen(new Float64Array(1), 1, { sweeps: 5 } as object)).toThrow("symmetricEigen: unknown option 'sweeps'");
  });
});
