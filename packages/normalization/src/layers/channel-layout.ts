import { MlpkitError, type Tensor, formatShape } from '@mlpkit/tensor';

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
 * Per-channel mean and biased variance (divide by N·L), in float64 and in one pass over the
 * data: the sums Σd and Σd² of d = x − K, where K is the channel's first value. The shift takes a
 * channel's offset out before squaring, so a feature offset by 100 keeps its variance, as a
 * second pass around the mean would, and the data is read once. Plain loops in storage order (no
 * per-element callback): this runs on every training step of a batch-norm network.
 */
export function channelMoments(data: ArrayLike<number>, layout: ChannelLayout): { mean: Float64Array; variance: Float64Array } {
  const { n, c, l, count } = layout;
  const shift = new Float64Array(c), sum = new Float64Array(c), squares = new Float64Array(c);
  for (let j = 0; j < c; j++) shift[j] = data[j * l];
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      const k0 = shift[j];
      for (let k = 0; k < l; k++, at++) {
        const d = data[at] - k0;
        sum[j] += d;
        squares[j] += d * d;
      }
    }
  const mean = new Float64Array(c), variance = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    mean[j] = shift[j] + sum[j] / count;
    variance[j] = Math.max(0, (squares[j] - (sum[j] * sum[j]) / count) / count);
  }
  return { mean, variance };
}
