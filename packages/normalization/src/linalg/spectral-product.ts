import { dotFour } from './dot-four.js';

/**
 * `E diag(g) Eᵀ` (n×n, row-major), for `e` holding eigenvector k in column k (n×n, row-major):
 * entry (p, q) is the dot product of rows p and q of E, weighted by g. Exactly symmetric (each
 * entry is computed once, for p <= q, and copied across), and each entry sums over k in order,
 * as `Σ_k (e[p,k]·g[k])·e[q,k]`.
 *
 * Four rows p are done per sweep over the rows q: row q (out of cache once n×n outgrows it,
 * 4.9 MB at 784 features) is then read from memory once per four rows p instead of once per row.
 */
export function spectralProduct(e: Float64Array, g: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  // Rows p..p+3 of E diag(g), zeros past the last row.
  const scaled = new Float64Array(4 * n), sums = new Float64Array(4);
  for (let p = 0; p < n; p += 4) {
    const count = Math.min(4, n - p);
    scaled.fill(0);
    for (let r = 0; r < count; r++) for (let k = 0; k < n; k++) scaled[r * n + k] = e[(p + r) * n + k] * g[k];
    for (let q = p; q < n; q++) {
      const at = q * n;
      dotFour(scaled, n, e, at, sums);
      // Only p + r <= q (< n): an entry below the diagonal is its mirror's copy, and rows
      // past the last one are skipped.
      for (let r = 0; r < count && p + r <= q; r++) out[(p + r) * n + q] = out[at + p + r] = sums[r];
    }
  }
  return out;
}
