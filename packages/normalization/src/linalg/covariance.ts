import { MlpkitError, allocate } from '@mlpkit/tensor';
import type { Matrix } from '../scalers/matrix.js';

// F×F grows with the square of the features: a small input (2 samples of 50,000 features is
// 800 KB) can ask for tens of GiB, so it is refused by tensor's cap before any work is done.
function squareStorage(op: string, f: number): Float64Array {
  try {
    return allocate('float64', f * f, op);
  } catch (error) {
    if (!(error instanceof MlpkitError)) throw error;
    const why = error.message.slice(error.op.length + 2);
    throw new MlpkitError(op, `${f} features need a ${f}×${f} covariance matrix: ${why}; reduce the features first`);
  }
}

/** Rows i..i+3 of `m` minus `mean`, into the four f-long quarters of `rows`. */
function centerRows(m: Matrix, mean: Float64Array, i: number, count: number, rows: Float64Array): void {
  const f = m.cols;
  rows.fill(0);
  for (let r = 0; r < count; r++) for (let j = 0; j < f; j++) rows[r * f + j] = m.data[(i + r) * f + j] - mean[j];
}

/**
 * The upper triangle of `cov` plus the outer products of four centered rows at once: each
 * pass over the f×f matrix costs as much memory traffic as one row, so four rows per pass
 * quarter it (unused rows are zeros).
 */
function addOuterProducts(cov: Float64Array, rows: Float64Array, f: number): void {
  for (let p = 0; p < f; p++) {
    const a0 = rows[p], a1 = rows[f + p], a2 = rows[2 * f + p], a3 = rows[3 * f + p];
    if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
    const at = p * f;
    for (let q = p; q < f; q++) cov[at + q] += a0 * rows[q] + a1 * rows[f + q] + a2 * rows[2 * f + q] + a3 * rows[3 * f + q];
  }
}

/**
 * The features' covariance matrix (features × features, row-major, float64) around `mean`,
 * dividing by `rows - ddof`: sum over samples of the outer product of the centered rows.
 * `op` names the caller when the matrix is too large to allocate.
 */
export function covarianceMatrix(op: string, m: Matrix, mean: Float64Array, ddof: number): Float64Array {
  const f = m.cols;
  const cov = squareStorage(op, f);
  const rows = new Float64Array(4 * f);
  for (let i = 0; i < m.rows; i += 4) {
    centerRows(m, mean, i, Math.min(4, m.rows - i), rows);
    addOuterProducts(cov, rows, f);
  }
  const divisor = m.rows - ddof;
  for (let p = 0; p < f; p++)
    for (let q = p; q < f; q++) {
      cov[p * f + q] /= divisor;
      cov[q * f + p] = cov[p * f + q];
    }
  return cov;
}

/**
 * `out[i, c] = Σ_j (x[i, j] - mean[j]) * w[c, j]`: each centered row projected onto the k
 * rows of `w` (k × features, row-major), accumulated in float64.
 */
export function projectRows(m: Matrix, mean: Float64Array, w: Float64Array, k: number, out: Float32Array | Float64Array): void {
  const f = m.cols;
  const row = new Float64Array(f);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < f; j++) row[j] = m.data[i * f + j] - mean[j];
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < f; j++) s += row[j] * w[c * f + j];
      out[i * k + c] = s;
    }
  }
}

/**
 * The inverse of {@link projectRows}: `out[i, j] = Σ_c y[i, c] * w[c, j] + mean[j]`, mapping
 * k coordinates per row back to the features (exact when w's rows are orthonormal and k = f).
 */
export function unprojectRows(m: Matrix, w: Float64Array, mean: Float64Array, out: Float32Array | Float64Array): void {
  const k = m.cols, f = mean.length;
  const row = new Float64Array(f);
  for (let i = 0; i < m.rows; i++) {
    row.set(mean);
    for (let c = 0; c < k; c++) {
      const y = m.data[i * k + c];
      for (let j = 0; j < f; j++) row[j] += y * w[c * f + j];
    }
    for (let j = 0; j < f; j++) out[i * f + j] = row[j];
  }
}
