import { MlpkitError, Tensor } from '@mlpkit/tensor';
import type { Matrix } from './matrix.js';

/** Per-feature mean, accumulated in float64. */
export function columnMean(m: Matrix): Float64Array {
  const mean = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  return mean;
}

/**
 * Per-feature variance around a given mean, dividing by `rows - ddof`. Two passes (mean
 * first, then squared deviations) so a large offset does not cancel the variance away.
 */
export function columnVariance(m: Matrix, mean: Float64Array, ddof = 0): Float64Array {
  const variance = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) {
      const d = m.data[i * m.cols + j] - mean[j];
      variance[j] += d * d;
    }
  for (let j = 0; j < m.cols; j++) variance[j] /= m.rows - ddof;
  return variance;
}

/** Per-feature minimum and maximum. */
export function columnRange(m: Matrix): { min: Float64Array; max: Float64Array } {
  const min = new Float64Array(m.cols).fill(Infinity);
  const max = new Float64Array(m.cols).fill(-Infinity);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  return { min, max };
}

/** Feature `j`'s values, sorted ascending. */
export function sortedColumn(m: Matrix, j: number): Float64Array {
  const column = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) column[i] = m.data[i * m.cols + j];
  return column.sort();
}

/** The q-th percentile (0–100) of sorted values, interpolating linearly as numpy.percentile does. */
export function percentile(sorted: Float64Array, q: number): number {
  const position = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

/**
 * Replaces scales too small to divide by with 1, as scikit-learn does, so a constant feature
 * maps to 0 (or to the range's low end) instead of to NaN or a huge number.
 */
export function guardZeroScale(scale: Float64Array): Float64Array {
  const tiny = 10 * Number.EPSILON;
  return scale.map((s) => (s < tiny ? 1 : s));
}

/** Row-major mapping of every element through `fn(value, feature)`. */
export function mapColumns(m: Matrix, out: Float32Array | Float64Array, fn: (value: number, j: number) => number): void {
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) out[base + j] = fn(m.data[base + j], j);
  }
}

/** A JSON-friendly copy of a float64 vector. */
export const toList = (v: Float64Array): number[] => Array.from(v);

/** A fitted statistic as a float64 tensor of shape [features]. */
export function vectorTensor(op: string, v: Float64Array | null): Tensor {
  if (!v) throw new MlpkitError(op, 'this statistic is not available: the scaler is not fitted yet (or the option that computes it is off)');
  return new Tensor(v.slice(), [v.length]);
}
