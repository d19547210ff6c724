import { Tensor, manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { columnMean } from '../scalers/column-stats.js';
import { type Matrix, matrixOf } from '../scalers/matrix.js';
import { covarianceAxes } from './covariance-axes.js';
import { gramAxes } from './gram-axes.js';
import { flipSigns } from './sign-flip.js';

function matrix(x: Tensor): Matrix {
  return matrixOf('test', x);
}

/** Row r of a k × f array. */
const row = (rows: Float64Array, r: number, f: number): number[] => Array.from(rows.subarray(r * f, (r + 1) * f));
const dot = (a: number[], b: ArrayLike<number>): number => a.reduce((s, v, j) => s + v * b[j], 0);

function expectOrthonormal(rows: Float64Array, k: number, f: number): void {
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) expect(dot(row(rows, a, f), row(rows, b, f))).toBeCloseTo(a === b ? 1 : 0, 12);
}

describe('gramAxes', () => {
  it('gives the covariance route\'s variances and (sign-fixed) axes on 5 samples of 40 features', () => {
    manualSeed(4);
    const m = matrix(randn([5, 40], { dtype: 'float64' }));
    const mean = columnMean(m);
    const gram = gramAxes(m, mean), cov = covarianceAxes('test', m, mean);
    expect(gram.variance.length).toBe(5);
    for (let c = 0; c < 5; c++) expect(gram.variance[c]).toBeCloseTo(cov.variance[c], 10);
    expect(gram.variance[3]).toBeGreaterThan(0.1);
    expect(gram.variance[4]).toBeLessThan(1e-12); // centering leaves rank 4
    const g = gram.rows(5), c = cov.rows(5);
    flipSigns(g, 5, 40);
    flipSigns(c, 5, 40);
    for (let r = 0; r < 4; r++) row(g, r, 40).forEach((v, j) => expect(v).toBeCloseTo(c[r * 40 + j], 10));
    expectOrthonormal(g, 5, 40);
  });

  it('completes axes of zero variance with unit vectors orthogonal to the data and to the other axes', () => {
    // Rows 0 and 2 are equal, so 4 samples span only 2 directions around their mean.
    manualSeed(5);
    const z = randn([3, 10], { dtype: 'float64' }).data;
    const x = new Tensor(Float64Array.from([...z.slice(0, 10), ...z.slice(10, 20), ...z.slice(0, 10), ...z.slice(20, 30)]), [4, 10]);
    const m = matrix(x);
    const mean = columnMean(m);
    const axes = gramAxes(m, mean);
    const rows = axes.rows(4);
    expectOrthonormal(rows, 4, 10);
    for (const r of [2, 3]) {
      expect(axes.variance[r]).toBeLessThan(1e-12);
      for (let i = 0; i < 4; i++) expect(dot(row(rows, r, 10), Array.from({ length: 10 }, (_, j) => x.data[i * 10 + j] - mean[j]))).toBeCloseTo(0, 12);
    }
  });

  it('gives basis vectors, in order, for constant data, as the covariance route does', () => {
    const m = matrix(new Tensor(new Float64Array(12).fill(3), [2, 6]));
    const axes = gramAxes(m, columnMean(m));
    expect(Array.from(axes.variance)).toEqual([0, 0]);
    expect(Array.from(axes.rows(2))).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(covarianceAxes('test', m, columnMean(m)).rows(2))).toEqual(Array.from(axes.rows(2)));
  });
});
