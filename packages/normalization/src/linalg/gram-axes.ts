import type { Matrix } from '../scalers/matrix.js';
import { complementRow, orthogonalize } from './orthonormal-rows.js';
import type { PrincipalAxes } from './principal-axes.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** The rows of `m` minus `mean`, as a samples × features float64 array. */
function centeredRows(m: Matrix, mean: Float64Array): Float64Array {
  const f = m.cols;
  const xc = new Float64Array(m.rows * f);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < f; j++) xc[i * f + j] = m.data[i * f + j] - mean[j];
  return xc;
}

/** `Xc · Xcᵀ` (samples × samples), filled from its upper triangle so it is exactly symmetric. */
function gramMatrix(xc: Float64Array, n: number, f: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let j = 0; j < f; j++) s += xc[a * f + j] * xc[b * f + j];
      g[a * n + b] = g[b * n + a] = s;
    }
  return g;
}

/**
 * Axis c is `Xcᵀ·u_c / sqrt(λ_c)` for the Gram eigen-pair (λ_c, u_c), since
 * `Xcᵀ Xc (Xcᵀ u) = Xcᵀ (λ u)`. Axes whose λ is rounding noise (at most max(n, f)·ε·λ_max,
 * numpy's matrix_rank tolerance; centering always leaves one) carry no direction, so they are
 * completed with unit vectors orthogonal to the others, as an SVD completes its null space.
 */
function axisRows(xc: Float64Array, lambda: Float64Array, u: Float64Array, k: number, n: number, f: number): Float64Array {
  const rows = new Float64Array(k * f);
  const tolerance = Math.max(n, f) * Number.EPSILON * Math.max(lambda[0], 0);
  for (let c = 0; c < k; c++) {
    let row: Float64Array;
    if (lambda[c] > tolerance) {
      row = new Float64Array(f);
      for (let a = 0; a < n; a++) for (let j = 0; j < f; j++) row[j] += xc[a * f + j] * u[a * n + c];
      // Dividing by its own norm rather than sqrt(λ) also absorbs λ's rounding.
      const norm = orthogonalize(row, rows, c);
      for (let j = 0; j < f; j++) row[j] /= norm;
    } else row = complementRow(rows, c, f);
    rows.set(row, c * f);
  }
  return rows;
}

/**
 * The principal axes from the samples × samples Gram matrix `Xc·Xcᵀ`, whose eigenvalues are
 * the covariance's nonzero ones times (samples - 1): O(samples²·features) instead of
 * O(features³) when samples < features. One axis per sample, as an SVD of `Xc` gives.
 */
export function gramAxes(m: Matrix, mean: Float64Array): PrincipalAxes {
  const n = m.rows, f = m.cols;
  const xc = centeredRows(m, mean);
  const { values, vectors } = symmetricEigen(gramMatrix(xc, n, f), n);
  return {
    variance: values.map((v) => Math.max(v, 0) / (n - 1)),
    rows: (k: number) => axisRows(xc, values, vectors, k, n, f),
  };
}
