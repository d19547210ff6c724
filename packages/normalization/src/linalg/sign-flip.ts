/**
 * Makes eigenvector signs deterministic: each of the k rows of `rows` (k × f, row-major) is
 * negated when its largest-magnitude entry (the first one on ties) is negative. An
 * eigenvector's sign is arbitrary, and without this rule PCA output could flip between runs
 * or libraries; it is the convention of scikit-learn's `svd_flip` applied to components.
 */
export function flipSigns(rows: Float64Array, k: number, f: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let j = 1; j < f; j++) if (Math.abs(rows[c * f + j]) > Math.abs(rows[c * f + best])) best = j;
    if (rows[c * f + best] < 0) for (let j = 0; j < f; j++) rows[c * f + j] = -rows[c * f + j];
  }
}
