import { MlpkitError, StateReader, checkOptions, formatShape } from '@mlpkit/tensor';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';
import { StatelessScaler } from './stateless-scaler.js';

/** Options of {@link Normalize}, as torchvision names them. */
export interface NormalizeOptions {
  /** Per-channel means (one value applies to every channel). */
  mean: readonly number[];
  /** Per-channel standard deviations, same length as `mean`. */
  std: readonly number[];
}

const NORMALIZE_OPTIONS = ['mean', 'std'] as const satisfies readonly (keyof NormalizeOptions)[];

/** The channel dim: torchvision's (…, C, H, W) convention for images, the last dim for (N, C) rows. */
function channelDim(shape: readonly number[]): number {
  return shape.length >= 3 ? shape.length - 3 : shape.length - 1;
}

/**
 * torchvision-style `Normalize(mean, std)`: `out[c] = (x[c] - mean[c]) / std[c]` per channel,
 * with fixed, given constants (e.g. MNIST's 0.1307 / 0.3081 on [0, 1] pixels). Channels are
 * dim -3 for images (C, H, W) or (N, C, H, W), and the last dim for 2-D (N, C) input.
 *
 * @example
 * const x = new Normalize({ mean: [0.1307], std: [0.3081] }).transform(new PixelScaler().transform(raw));
 */
export class Normalize extends StatelessScaler {
  readonly type = 'Normalize';
  readonly mean: readonly number[];
  readonly std: readonly number[];

  constructor(options: NormalizeOptions) {
    super();
    checkOptions('Normalize', options, NORMALIZE_OPTIONS);
    const { mean, std } = options ?? ({} as NormalizeOptions);
    // A NaN mean turns every output of its channel into NaN, silently.
    const read = new StateReader('Normalize');
    read.numbers('mean', mean);
    read.numbers('std', std);
    if (mean.length === 0 || mean.length !== std.length)
      throw new MlpkitError('Normalize', `mean and std must be non-empty and the same length, got ${mean.length} and ${std.length}`);
    const zero = std.indexOf(0);
    if (zero >= 0) throw new MlpkitError('Normalize', `std must be non-zero, got std[${zero}] = 0`);
    this.mean = Array.from(mean);
    this.std = Array.from(std);
  }

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): Normalize {
    const read = new ScalerReader(json, 'Normalize');
    const config = read.config(['mean', 'std']);
    read.noState();
    const mean = Array.from(read.numbers('config.mean', config.mean));
    if (mean.length === 0) read.fail('config.mean', 'at least one channel mean', config.mean);
    const std = Array.from(read.numbers('config.std', config.std, { length: mean.length }));
    const zero = std.indexOf(0);
    if (zero >= 0) read.fail(`config.std[${zero}]`, 'a non-zero number', 0);
    return new Normalize({ mean, std });
  }

  protected override checkShape(op: string, shape: readonly number[]): void {
    if (this.mean.length === 1) return;
    const dim = channelDim(shape);
    if (dim < 0 || shape[dim] !== this.mean.length)
      throw new MlpkitError(op, `expected ${this.mean.length} channels (dim ${dim} of a (..., C, H, W) or (N, C) input), got shape ${formatShape(shape)}`);
  }

  private channelOf(index: number, shape: readonly number[]): number {
    if (this.mean.length === 1) return 0;
    const dim = channelDim(shape);
    let inner = 1;
    for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
    return Math.floor(index / inner) % shape[dim];
  }

  protected forward(value: number, index: number, shape: readonly number[]): number {
    const c = this.channelOf(index, shape);
    return (value - this.mean[c]) / this.std[c];
  }

  protected inverse(value: number, index: number, shape: readonly number[]): number {
    const c = this.channelOf(index, shape);
    return value * this.std[c] + this.mean[c];
  }

  protected config(): Record<string, unknown> {
    return { mean: [...this.mean], std: [...this.std] };
  }
}
