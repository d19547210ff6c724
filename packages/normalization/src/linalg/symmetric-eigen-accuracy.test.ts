import { MlpkitError, manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { type SymmetricEigen, symmetricEigen } from './symmetric-eigen.js';

/** A random symmetric n×n matrix, (B + Bᵀ) / 2 for a seeded normal B, times `scale`. */
function randomSymmetric(n: number, seed: number, scale = 1): Float64Array {
  manualSeed(seed);
  const b = randn([n, n], { dtype: 'float64' }).data;
  const a = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) a[p * n + q] = ((b[p * n + q] + b[q * n + p]) / 2) * scale;
  return a;
}

/** The reflection I - 2uuᵀ/(uᵀu): an orthogonal matrix with no zero entries for a generic u. */
function reflection(u: number[]): Float64Array {
  const n = u.length, uu = u.reduce((s, v) => s + v * v, 0);
  return Float64Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 1 : 0) - (2 * u[Math.floor(i / n)] * u[i % n]) / uu);
}

/** Q diag(values) Qᵀ. */
function withSpectrum(q: Float64Array, values: number[]): Float64Array {
  const n = values.length, a = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) a[p * n + r] += q[p * n + k] * values[k] * q[r * n + k];
  return a;
}

/**
 * A·v = λ·v for every pair, to `tolerance` times the largest entry of A (n of them at most
 * make a row, so no product overflows); V orthonormal; λ descending; Σλ = trace.
 */
function expectEigenPairs(a: Float64Array, n: number, { values, vectors }: SymmetricEigen, tolerance = 1e-10): void {
  const size = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0) * n;
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < n; p++) {
      let av = 0;
      for (let q = 0; q < n; q++) av += a[p * n + q] * vectors[q * n + k];
      expect(Math.abs(av - values[k] * vectors[p * n + k])).toBeLessThanOrEqual(tolerance * size);
    }
    if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
  }
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += vectors[r * n + i] * vectors[r * n + j];
      expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    }
  let trace = 0, sum = 0;
  for (let i = 0; i < n; i++) [trace, sum] = [trace + a[i * n + i], sum + values[i]];
  expect(Math.abs(sum - trace)).toBeLessThanOrEqual(tolerance * size);
}

describe('symmetricEigen on random matrices', () => {
  it.each([1, 2, 3, 17, 100])('gives A·v = λ·v with orthonormal V, descending λ and Σλ = trace for n = %i', (n) => {
    const a = randomSymmetric(n, n);
    expectEigenPairs(a, n, symmetricEigen(a, n));
  });

  it('leaves its input untouched', () => {
    const a = randomSymmetric(5, 1);
    const copy = a.slice();
    symmetricEigen(a, 5);
    expect(Array.from(a)).toEqual(Array.from(copy));
  });
});

describe('symmetricEigen on degenerate spectra', () => {
  it('gives the identity 1s and orthonormal vectors', () => {
    const a = withSpectrum(reflection([1, 0, 0, 0]), [1, 1, 1, 1]);
    const result = symmetricEigen(a, 4);
    expect(Array.from(result.values)).toEqual([1, 1, 1, 1]);
    expectEigenPairs(a, 4, result);
  });

  it('separates repeated eigenvalues hidden by a rotation, with orthonormal vectors in each eigenspace', () => {
    const a = withSpectrum(reflection([1, -2, 0.5, 3, 1]), [1, 3, 1, 3, 1]);
    const result = symmetricEigen(a, 5);
    Array.from(result.values).forEach((v, k) => expect(v).toBeCloseTo([3, 3, 1, 1, 1][k], 13));
    expectEigenPairs(a, 5, result);
  });

  it('gives a rank-1 matrix uuᵀ the eigenvalue |u|² along u and zeros elsewhere', () => {
    const u = [1, -2, 3, 0.5], n = 4;
    const a = Float64Array.from({ length: n * n }, (_, i) => u[Math.floor(i / n)] * u[i % n]);
    const result = symmetricEigen(a, n);
    expect(result.values[0]).toBeCloseTo(14.25, 12);
    for (let k = 1; k < n; k++) expect(Math.abs(result.values[k])).toBeLessThan(1e-13);
    const norm = Math.sqrt(14.25), sign = Math.sign(result.vectors[0]);
    for (let r = 0; r < n; r++) expect(result.vectors[r * n] * sign).toBeCloseTo(u[r] / norm, 13);
    expectEigenPairs(a, n, result);
  });

  it('gives a zero matrix zero eigenvalues and the basis vectors in order', () => {
    const result = symmetricEigen(new Float64Array(9), 3);
    expect(Array.from(result.values)).toEqual([0, 0, 0]);
    expect(Array.from(result.vectors)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('gives a diagonal matrix its entries, sorted, along exact basis vectors', () => {
    expect(symmetricEigen(Float64Array.of(3, 0, 0, 0, 2, 0, 0, 0, -1), 3)).toEqual({
      values: Float64Array.of(3, 2, -1), vectors: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1),
    });
    expect(symmetricEigen(Float64Array.of(1, 0, 0, 0, 3, 0, 0, 0, 2), 3)).toEqual({
      values: Float64Array.of(3, 2, 1), vectors: Float64Array.of(0, 0, 1, 1, 0, 0, 0, 1, 0),
    });
  });

  it('keeps an exactly decoupled row (a constant feature\'s) exact: its eigenvalue and an exact 0 in the other vectors', () => {
    const result = symmetricEigen(Float64Array.of(2, 0, 1, 0, 0, 0, 1, 0, 2), 3);
    expect(result.values[2]).toBe(0);
    expect(Array.from(result.vectors.filter((_, i) => i % 3 === 2))).toEqual([0, 1, 0]);
    expect([result.vectors[3], result.vectors[4]]).toEqual([0, 0]);
    expectEigenPairs(Float64Array.of(2, 0, 1, 0, 0, 0, 1, 0, 2), 3, result);
  });
});

describe('symmetricEigen at the edges of float64', () => {
  it.each([1e-300, 1e300])('decomposes a random 6×6 matrix times %s without overflow or underflow', (scale) => {
    const a = randomSymmetric(6, 7, scale), unit = symmetricEigen(randomSymmetric(6, 7), 6);
    const result = symmetricEigen(a, 6);
    result.values.forEach((v, k) => expect(v / scale).toBeCloseTo(unit.values[k], 12));
    expectEigenPairs(a, 6, result);
  });

  it('decomposes a graded matrix whose entries span 1e-150 to 1e150', () => {
    const n = 5, grade = [1e75, 1e40, 1, 1e-40, 1e-75];
    const b = randomSymmetric(n, 11);
    const a = Float64Array.from(b, (v, i) => v * grade[Math.floor(i / n)] * grade[i % n]);
    const result = symmetricEigen(a, n);
    // The 1e150 corner dominates: one eigenvalue is close to it, relative to its size.
    const extreme = a[0] > 0 ? result.values[0] : result.values[n - 1];
    expect(extreme / a[0]).toBeCloseTo(1, 12);
    expectEigenPairs(a, n, result);
  });

  it('refuses an eigenvalue beyond float64\'s range', () => {
    expect(() => symmetricEigen(Float64Array.of(1e308, 1e308, 1e308, 1e308), 2)).toThrow("symmetricEigen: expected eigenvalues within float64's range, got Infinity");
  });
});

describe('symmetricEigen\'s maxSweeps', () => {
  it('throws an MlpkitError when an eigenvalue is not isolated within maxSweeps QR sweeps', () => {
    const a = Float64Array.of(2, 1, 0, 1, 2, 1, 0, 1, 2);
    expect(() => symmetricEigen(a, 3, { maxSweeps: 0 })).toThrow(MlpkitError);
    expect(() => symmetricEigen(a, 3, { maxSweeps: 0 })).toThrow(
      'symmetricEigen: did not converge: eigenvalue 3 of 3 is still coupled to its neighbour after maxSweeps = 0 QR sweeps (shifted QR usually needs 1 to 3 per eigenvalue)',
    );
    expectEigenPairs(a, 3, symmetricEigen(a, 3));
  });

  it('needs no sweep for a diagonal matrix and one for a 2×2, where the Wilkinson shift is exact', () => {
    expect(Array.from(symmetricEigen(Float64Array.of(1, 0, 0, 4), 2, { maxSweeps: 0 }).values)).toEqual([4, 1]);
    const result = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2, { maxSweeps: 1 });
    expect(result.values[0]).toBeCloseTo(3, 14);
    expect(result.values[1]).toBeCloseTo(1, 14);
  });
});
