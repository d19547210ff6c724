/**
 * `sums[r] = Σ_k rows[r·n + k] · v[at + k]` for the four rows r = 0..3 of `rows` (4 × n,
 * row-major) against one row of `v` starting at `at`, each summed over k in order in float64.
 * The four share one pass over `v`, so a matrix too big for the cache is read from memory once
 * per four rows (projectRows, spectralProduct).
 */
export function dotFour(rows: Float64Array, n: number, v: Float64Array, at: number, sums: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let k = 0; k < n; k++) {
    const x = v[at + k];
    s0 += rows[k] * x;
    s1 += rows[n + k] * x;
    s2 += rows[2 * n + k] * x;
    s3 += rows[3 * n + k] * x;
  }
  sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3;
}
