import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkedFeatureRange } from './feature-range.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';
import { StatelessScaler } from './stateless-scaler.js';

/** Options of {@link PixelScaler}. */
export interface PixelScalerOptions {
  /** The interval pixels are mapped to (default `[0, 1]`; `[-1, 1]` is the other common choice). */
  featureRange?: readonly [number, number];
  /** The largest raw pixel value (default 255, for uint8 images). */
  maxValue?: number;
}

const PIXEL_SCALER_OPTIONS = ['featureRange', 'maxValue'] as const satisfies readonly (keyof PixelScalerOptions)[];

/**
 * Image scaling with fixed constants: `x / maxValue * (high - low) + low`, so 0–255 pixels
 * become [0, 1] (`x / 255`, like torchvision's ToTensor) or [-1, 1] (`x / 127.5 - 1`).
 * Nothing is learned: it is fitted from the start and accepts any shape.
 *
 * @example
 * const images = new PixelScaler({ featureRange: [-1, 1] }).transform(rawPixels);
 */
export class PixelScaler extends StatelessScaler {
  readonly type = 'PixelScaler';
  readonly featureRange: readonly [number, number];
  readonly maxValue: number;

  constructor(options: PixelScalerOptions = {}) {
    super();
    checkOptions('PixelScaler', options, PIXEL_SCALER_OPTIONS);
    this.featureRange = checkedFeatureRange('PixelScaler', options.featureRange);
    this.maxValue = options.maxValue ?? 255;
    if (!(this.maxValue > 0)) throw new MlpkitError('PixelScaler', `maxValue must be > 0, got ${this.maxValue}`);
  }

  /** Rebuilds a scaler saved with `toJSON()`; both constants must be there (no silent default range). */
  static fromJSON(json: ScalerJSON): PixelScaler {
    const read = new ScalerReader(json, 'PixelScaler');
    const config = read.config(['featureRange', 'maxValue']);
    read.noState();
    return new PixelScaler({ featureRange: read.range(config, 'featureRange'), maxValue: read.number('config.maxValue', config.maxValue, { above: 0 }) });
  }

  protected forward(value: number): number {
    const [low, high] = this.featureRange;
    return (value / this.maxValue) * (high - low) + low;
  }

  protected inverse(value: number): number {
    const [low, high] = this.featureRange;
    return ((value - low) / (high - low)) * this.maxValue;
  }

  protected config(): Record<string, unknown> {
    return { featureRange: [...this.featureRange], maxValue: this.maxValue };
  }
}
