import { manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { columnMean } from '../scalers/column-stats.js';
import { matrixOf } from '../scalers/matrix.js';
import { covarianceMatrix } from './covariance.js';

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
