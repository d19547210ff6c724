import { MlpkitError, allocate } from '@mlpkit/tensor';
import type { Matrix } from '../scalers/matrix.js';
import { dotFour } from './dot-four.js';

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
 * rows of `w` (k × features, row-major), accumulated in float64. Four rows share each pass
 * over `w`, so `w` (4.9 MB for ZCA at 784 features) is read from memory once per four rows.
 */
export function projectRows(m: Matrix, mean: Float64Array, w: Float64Array, k: number, out: Float32Array | Float64Array): void {
  const f = m.cols;
  const rows = new Float64Array(4 * f), sums = new Float64Array(4);
  for (let i = 0; i < m.rows; i += 4) {
    const count = Math.min(4, m.rows - i);
    centerRows(m, mean, i, count, rows);
    for (let c = 0; c < k; c++) {
      dotFour(rows, f, w, c * f, sums);
      for (let r = 0; r < count; r++) out[(i + r) * k + c] = sums[r];
    }
  }
}

/**
 * The inverse of {@link projectRows}: `out[i, j] = Σ_c y[i, c] * w[c, j] + mean[j]`, mapping
 * k coordinates per row back to the features (exact when w's rows are orthonormal and k = f).
 * Four rows share each pass over `w`, as in {@link projectRows}.
 */
export function unprojectRows(m: Matrix, w: Float64Array, mean: Float64Array, out: Float32Array | Float64Array): void {
  const k = m.cols, f = mean.length;
  const rows = new Float64Array(4 * f);
  for (let i = 0; i < m.rows; i += 4) {
    const count = Math.min(4, m.rows - i);
    for (let r = 0; r < 4; r++) rows.set(mean, r * f);
    for (let c = 0; c < k; c++) {
      const at = c * f;
      // Rows past the last one add zeros.
      const y0 = m.data[i * k + c], y1 = count > 1 ? m.data[(i + 1) * k + c] : 0;
      const y2 = count > 2 ? m.data[(i + 2) * k + c] : 0, y3 = count > 3 ? m.data[(i + 3) * k + c] : 0;
      for (let j = 0; j < f; j++) {
        const v = w[at + j];
        rows[j] += y0 * v;
        rows[f + j] += y1 * v;
        rows[2 * f + j] += y2 * v;
        rows[3 * f + j] += y3 * v;
      }
    }
    for (let j = 0; j < count * f; j++) out[i * f + j] = rows[j];
  }
}
