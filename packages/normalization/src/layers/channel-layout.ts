import { MlpkitError, type Tensor, checkTensor, formatShape } from '@mlpkit/tensor';

/**
 * How BatchNorm1d sees its input: (N, C) or (N, C, L), so element (n, c, l) sits at
 * `(n * C + c) * L + l` and each channel has `count = N * L` values.
 */
export interface ChannelLayout {
  readonly n: number;
  readonly c: number;
  readonly l: number;
  readonly count: number;
}

/** The layout of a (N, C) or (N, C, L) input, or a clear error. */
export function channelLayout(op: string, input: Tensor): ChannelLayout {
  checkTensor(op, input);
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new MlpkitError(op, `expected 2-D (N, C) or 3-D (N, C, L) input, got shape ${formatShape(input.shape)}`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64')
    throw new MlpkitError(op, `expected a float32 or float64 input, got ${input.dtype}`);
  const [n, c] = input.shape;
  const l = input.ndim === 3 ? input.shape[2] : 1;
  return { n, c, l, count: n * l };
}

/** Calls `fn(flatIndex, channel)` for every element, in storage order. */
export function forEachElement(layout: ChannelLayout, fn: (index: number, channel: number) => void): void {
  const { n, c, l } = layout;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      const base = (i * c + j) * l;
      for (let k = 0; k < l; k++) fn(base + k, j);
    }
}

/**
 * Per-channel mean and biased variance (divide by N·L), in float64 and in two passes, so that a
 * feature offset by 100 does not lose its variance to cancellation. Plain loops in storage order
 * (no per-element callback): this runs on every training step of a batch-norm network.
 */
export function channelMoments(data: ArrayLike<number>, layout: ChannelLayout): { mean: Float64Array; variance: Float64Array } {
  const { n, c, l, count } = layout;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++) for (let k = 0; k < l; k++, at++) mean[j] += data[at];
  for (let j = 0; j < c; j++) mean[j] /= count;
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++)
      for (let k = 0; k < l; k++, at++) {
        const d = data[at] - mean[j];
        variance[j] += d * d;
      }
  for (let j = 0; j < c; j++) variance[j] /= count;
  return { mean, variance };
}
