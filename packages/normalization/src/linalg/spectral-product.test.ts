import { manualSeed, randn, rand } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { spectralProduct } from './spectral-product.js';

describe('spectralProduct', () => {
  // Rows p go four at a time: every remainder (n mod 4) and the entries next to the diagonal
  // inside a block of four must be the textbook sum, bit for bit, and exactly symmetric.
  it.each([1, 2, 3, 4, 5, 6, 7, 9])('is Σ_k e[p,k]·g[k]·e[q,k] summed in order for n = %i, exactly symmetric', (n) => {
    manualSeed(n);
    const e = randn([n, n], { dtype: 'float64' }).data as Float64Array;
    const g = rand([n], { dtype: 'float64' }).data as Float64Array;
    const out = spectralProduct(e, g, n);
    for (let p = 0; p < n; p++)
      for (let q = p; q < n; q++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += e[p * n + k] * g[k] * e[q * n + k];
        expect(out[p * n + q]).toBe(s);
        expect(out[q * n + p]).toBe(s);
      }
  });
});
