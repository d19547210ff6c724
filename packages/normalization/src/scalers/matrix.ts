import { MlpkitError, type Tensor, checkTensor, formatShape } from '@mlpkit/tensor';

/**
 * A (samples, features) view of a tensor's storage, without copying it. Scalers read
 * samples along the first dim and treat every other dim as one flat feature vector, so an
 * image batch (N, 1, 28, 28) is 784 features per sample, as a flattened MLP input would be.
 */
export interface Matrix {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly shape: readonly number[];
}

/** The row-major multi-index of a flat position, rendered `[3, 2]` for error messages. */
export function positionOf(flat: number, shape: readonly number[]): string {
  const index: number[] = new Array(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return formatShape(index);
}

/**
 * Refuses NaN and ±Infinity with the first offending position, because one of them would
 * silently turn every statistic of its feature (and every transformed value) into NaN.
 */
export function assertFinite(op: string, x: Tensor): void {
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v))
      throw new MlpkitError(op, `input contains ${v} at ${positionOf(i, x.shape)} (flat index ${i}) of shape ${formatShape(x.shape)}; clean or impute the data first`);
  }
}

/** The (samples, features) view of `x`, after checking it is a Tensor with at least 2 dims and no NaN/Inf. */
export function matrixOf(op: string, x: Tensor): Matrix {
  checkTensor(op, x);
  if (x.ndim < 2)
    throw new MlpkitError(op, `expected a 2-D (samples, features) input (or more dims, flattened into features), got shape ${formatShape(x.shape)}; reshape a single sample to [1, ${x.shape[0] ?? 1}]`);
  if (x.dtype === 'bool') throw new MlpkitError(op, `expected a numeric tensor, got dtype bool`);
  assertFinite(op, x);
  const rows = x.shape[0];
  return { data: x.data, rows, cols: rows === 0 ? 0 : x.size / rows, shape: x.shape };
}
