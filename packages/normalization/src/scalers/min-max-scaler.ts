import { type Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { columnRange, guardZeroScale, mapColumns, toList, vectorTensor } from './column-stats.js';
import { checkedFeatureRange } from './feature-range.js';
import { FeatureScaler, type OutputArray } from './feature-scaler.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/** Options of {@link MinMaxScaler}, as scikit-learn names them. */
export interface MinMaxScalerOptions {
  /** The `[low, high]` each feature is mapped to (default `[0, 1]`). */
  featureRange?: readonly [number, number];
  /** Clip transformed values of unseen data into `featureRange` (default false). */
  clip?: boolean;
}

const MIN_MAX_OPTIONS = ['featureRange', 'clip'] as const satisfies readonly (keyof MinMaxScalerOptions)[];

/**
 * Min-max normalization: `(x - min) / (max - min) * (high - low) + low` per feature, as
 * scikit-learn's MinMaxScaler (a zero range counts as 1, so a constant feature maps to `low`).
 *
 * @example
 * const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(xTrain);
 */
export class MinMaxScaler extends FeatureScaler {
  readonly type = 'MinMaxScaler';
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;
  private dataMinV: Float64Array | null = null;
  private dataMaxV: Float64Array | null = null;
  private scaleV: Float64Array | null = null;
  private minV: Float64Array | null = null;

  constructor(options: MinMaxScalerOptions = {}) {
    super();
    checkOptions('MinMaxScaler', options, MIN_MAX_OPTIONS);
    this.featureRange = checkedFeatureRange('MinMaxScaler', options.featureRange);
    if (options.clip !== undefined) checkBoolean('MinMaxScaler', 'clip', options.clip);
    this.clip = options.clip ?? false;
  }

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): MinMaxScaler {
    const read = new ScalerReader(json, 'MinMaxScaler');
    const config = read.config(['featureRange', 'clip']);
    return new MinMaxScaler({ featureRange: read.range(config, 'featureRange'), clip: read.boolean('config.clip', config.clip) }).restore(read);
  }

  /** Per-feature minimum seen by `fit` (sklearn `data_min_`). */
  get dataMin(): Tensor { return vectorTensor(`${this.type}.dataMin`, this.dataMinV); }
  /** Per-feature maximum seen by `fit` (sklearn `data_max_`). */
  get dataMax(): Tensor { return vectorTensor(`${this.type}.dataMax`, this.dataMaxV); }
  /** Per-feature multiplier `(high - low) / (max - min)` (sklearn `scale_`). */
  get scale(): Tensor { return vectorTensor(`${this.type}.scale`, this.scaleV); }
  /** Per-feature offset `low - min * scale` (sklearn `min_`). */
  get min(): Tensor { return vectorTensor(`${this.type}.min`, this.minV); }

  protected fitMatrix(m: Matrix): void {
    const [low, high] = this.featureRange;
    const { min, max } = columnRange(m);
    const range = guardZeroScale(max.map((hi, j) => hi - min[j]));
    this.dataMinV = min;
    this.dataMaxV = max;
    this.scaleV = range.map((r) => (high - low) / r);
    this.minV = min.map((lo, j) => low - lo * this.scaleV![j]);
  }

  protected transformInto(m: Matrix, out: OutputArray): void {
    const scale = this.scaleV!, offset = this.minV!;
    const [low, high] = this.featureRange;
    mapColumns(m, out, (v, j) => {
      const y = v * scale[j] + offset[j];
      return this.clip ? Math.min(high, Math.max(low, y)) : y;
    });
  }

  protected inverseInto(m: Matrix, out: OutputArray): void {
    const scale = this.scaleV!, offset = this.minV!;
    mapColumns(m, out, (v, j) => (v - offset[j]) / scale[j]);
  }

  protected config(): Record<string, unknown> {
    return { featureRange: [...this.featureRange], clip: this.clip };
  }

  protected saveState(): Record<string, unknown> {
    return { dataMin: toList(this.dataMinV!), dataMax: toList(this.dataMaxV!), scale: toList(this.scaleV!), min: toList(this.minV!) };
  }

  protected loadState(read: ScalerReader, n: number): void {
    const state = read.state(['dataMin', 'dataMax', 'scale', 'min'])!;
    this.dataMinV = read.vector(state, 'dataMin', n);
    this.dataMaxV = read.vector(state, 'dataMax', n);
    this.scaleV = read.vector(state, 'scale', n, { above: 0 });
    this.minV = read.vector(state, 'min', n);
  }
}
