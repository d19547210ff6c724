import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import { CenterScaleScaler } from './center-scale-scaler.js';
import { fromList, guardZeroScale, percentile, sortedColumn, toList, vectorTensor } from './column-stats.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';

/** Options of {@link RobustScaler}, as scikit-learn names them. */
export interface RobustScalerOptions {
  /** Subtract the per-feature median (default true). */
  withCentering?: boolean;
  /** Divide by the per-feature interquantile range (default true). */
  withScaling?: boolean;
  /** The percentiles `[qMin, qMax]` whose distance is the scale (default `[25, 75]`, the IQR). */
  quantileRange?: readonly [number, number];
}

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
    const [qMin, qMax] = options.quantileRange ?? [25, 75];
    if (!(qMin >= 0 && qMin <= qMax && qMax <= 100))
      throw new MlpkitError('RobustScaler', `quantileRange must satisfy 0 <= qMin <= qMax <= 100, got [${qMin}, ${qMax}]`);
    this.withCentering = options.withCentering ?? true;
    this.withScaling = options.withScaling ?? true;
    this.quantileRange = [qMin, qMax];
  }

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): RobustScaler {
    return new RobustScaler(json.config as RobustScalerOptions).restore(json);
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

  protected loadState(state: Record<string, unknown>): void {
    this.centerV = state.center ? fromList(state.center) : null;
    this.scaleV = state.scale ? fromList(state.scale) : null;
  }
}
