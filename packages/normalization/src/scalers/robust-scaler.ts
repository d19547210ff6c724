import { MlpkitError, type Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { CenterScaleScaler } from './center-scale-scaler.js';
import { guardZeroScale, percentile, sortedColumn, toList, vectorTensor } from './column-stats.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/** Options of {@link RobustScaler}, as scikit-learn names them. */
export interface RobustScalerOptions {
  /** Subtract the per-feature median (default true). */
  withCentering?: boolean;
  /** Divide by the per-feature interquantile range (default true). */
  withScaling?: boolean;
  /** The percentiles `[qMin, qMax]` whose distance is the scale (default `[25, 75]`, the IQR). */
  quantileRange?: readonly [number, number];
}

const ROBUST_SCALER_OPTIONS = ['withCentering', 'withScaling', 'quantileRange'] as const satisfies readonly (keyof RobustScalerOptions)[];

/**
 * Outlier-resistant normalization: `(x - median) / (q75 - q25)` per feature, as
 * scikit-learn's RobustScaler. Percentiles interpolate linearly (numpy's default); a zero
 * range (a constant feature) counts as 1.
 *
 * @example
 * const scaler = new RobustScaler({ quantileRange: [10, 90] }).fit(xTrain);
 */
export class RobustScaler extends CenterScaleScaler {
  readonly type = 'RobustScaler';
  readonly withCentering: boolean;
  readonly withScaling: boolean;
  readonly quantileRange: readonly [number, number];
  private centerV: Float64Array | null = null;
  private scaleV: Float64Array | null = null;

  constructor(options: RobustScalerOptions = {}) {
    super();
    checkOptions('RobustScaler', options, ROBUST_SCALER_OPTIONS);
    const [qMin, qMax] = options.quantileRange ?? [25, 75];
    if (!(qMin >= 0 && qMin <= qMax && qMax <= 100))
      throw new MlpkitError('RobustScaler', `quantileRange must satisfy 0 <= qMin <= qMax <= 100, got [${qMin}, ${qMax}]`);
    if (options.withCentering !== undefined) checkBoolean('RobustScaler', 'withCentering', options.withCentering);
    if (options.withScaling !== undefined) checkBoolean('RobustScaler', 'withScaling', options.withScaling);
    this.withCentering = options.withCentering ?? true;
    this.withScaling = options.withScaling ?? true;
    this.quantileRange = [qMin, qMax];
  }

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): RobustScaler {
    const read = new ScalerReader(json, 'RobustScaler');
    const config = read.config(['withCentering', 'withScaling', 'quantileRange']);
    const [qMin, qMax] = Array.from(read.numbers('config.quantileRange', config.quantileRange, { length: 2, min: 0, max: 100 }));
    const options = { withCentering: read.boolean('config.withCentering', config.withCentering), withScaling: read.boolean('config.withScaling', config.withScaling) };
    return new RobustScaler({ ...options, quantileRange: [qMin, qMax] }).restore(read);
  }

  /** Per-feature median (sklearn `center_`). */
  get center(): Tensor { return vectorTensor(`${this.type}.center`, this.centerV); }
  /** Per-feature interquantile range, 1 where it is 0 (sklearn `scale_`). */
  get scale(): Tensor { return vectorTensor(`${this.type}.scale`, this.scaleV); }

  protected fitMatrix(m: Matrix): void {
    const [qMin, qMax] = this.quantileRange;
    const center = new Float64Array(m.cols);
    const range = new Float64Array(m.cols);
    for (let j = 0; j < m.cols; j++) {
      const sorted = sortedColumn(m, j);
      center[j] = percentile(sorted, 50);
      range[j] = percentile(sorted, qMax) - percentile(sorted, qMin);
    }
    this.centerV = this.withCentering ? center : null;
    this.scaleV = this.withScaling ? guardZeroScale(range) : null;
  }

  protected fittedCenter(): Float64Array | null {
    return this.centerV;
  }

  protected fittedScale(): Float64Array | null {
    return this.scaleV;
  }

  protected config(): Record<string, unknown> {
    return { withCentering: this.withCentering, withScaling: this.withScaling, quantileRange: [...this.quantileRange] };
  }

  protected saveState(): Record<string, unknown> {
    return { center: this.centerV && toList(this.centerV), scale: this.scaleV && toList(this.scaleV) };
  }

  protected loadState(read: ScalerReader, n: number): void {
    const state = read.state(['center', 'scale'])!;
    this.centerV = read.vector(state, 'center', n, {}, true);
    this.scaleV = read.vector(state, 'scale', n, { above: 0 }, true);
    read.present('center', this.centerV, this.withCentering, 'withCentering');
    read.present('scale', this.scaleV, this.withScaling, 'withScaling');
  }
}
