import { manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { columnMean } from '../scalers/column-stats.js';
import { matrixOf } from '../scalers/matrix.js';
import { covarianceMatrix, projectRows, unprojectRows } from './covariance.js';

describe('covarianceMatrix', () => {
  // Rows are accumulated four at a time: every remainder (N mod 4) must count, once.
  it.each([1, 2, 3, 4, 5, 6, 7, 9])('matches the textbook sum over %i samples, exactly symmetric', (n) => {
    manualSeed(n);
    const x = randn([n, 6], { dtype: 'float64' });
    const m = matrixOf('test', x), mean = columnMean(m), ddof = n === 1 ? 0 : 1;
    const cov = covarianceMatrix('test', m, mean, ddof);
    for (let p = 0; p < 6; p++)
      for (let q = 0; q < 6; q++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (x.data[i * 6 + p] - mean[p]) * (x.data[i * 6 + q] - mean[q]);
        expect(cov[p * 6 + q]).toBeCloseTo(s / (n - ddof), 13);
        expect(cov[p * 6 + q]).toBe(cov[q * 6 + p]);
      }
  });
});

describe('projectRows and unprojectRows', () => {
  // Rows go four at a time: every remainder (N mod 4) must give the textbook sums, bit for bit.
  it.each([1, 2, 3, 4, 5, 6, 7, 9])('are the row-by-row sums over j and over c, in order, for %i rows', (n) => {
    manualSeed(n);
    const f = 6, k = 5;
    const x = matrixOf('test', randn([n, f], { dtype: 'float64' }));
    const mean = columnMean(x);
    const w = randn([k, f], { dtype: 'float64' }).data as Float64Array;
    const yt = randn([n, k], { dtype: 'float64' }), y = yt.data;
    const projected = new Float64Array(n * k);
    projectRows(x, mean, w, k, projected);
    const back = new Float64Array(n * f);
    unprojectRows(matrixOf('test', yt), w, mean, back);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < f; j++) s += (x.data[i * f + j] - mean[j]) * w[c * f + j];
        expect(projected[i * k + c]).toBe(s);
      }
      for (let j = 0; j < f; j++) {
        let s = mean[j];
        for (let c = 0; c < k; c++) s += y[i * k + c] * w[c * f + j];
        expect(back[i * f + j]).toBe(s);
      }
    }
  });
});
