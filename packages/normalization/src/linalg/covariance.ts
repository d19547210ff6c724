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

/**
 * The features' covariance matrix (features × features, row-major, float64) around `mean`,
 * dividing by `rows - ddof`: sum over samples of the outer product of the centered rows.
 * `op` names the caller when the matrix is too large to allocate.
 */
export function covarianceMatrix(op: string, m: Matrix, mean: Float64Array, ddof: number): Float64Array {
  const f = m.cols;
  const cov = squareStorage(op, f);
  const row = new Float64Array(f);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < f; j++) row[j] = m.data[i * f + j] - mean[j];
    for (let p = 0; p < f; p++) {
      const rp = row[p];
      if (rp === 0) continue;
      for (let q = p; q < f; q++) cov[p * f + q] += rp * row[q];
    }
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
