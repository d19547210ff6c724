import { type Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { CenterScaleScaler } from './center-scale-scaler.js';
import { columnMean, columnVariance, toList, vectorTensor } from './column-stats.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/** Options of {@link StandardScaler}, as scikit-learn names them. */
export interface StandardScalerOptions {
  /** Subtract the per-feature mean (default true). */
  withMean?: boolean;
  /** Divide by the per-feature population std (default true). */
  withStd?: boolean;
}

const STANDARD_SCALER_OPTIONS = ['withMean', 'withStd'] as const satisfies readonly (keyof StandardScalerOptions)[];

/**
 * scikit-learn's "constant feature" test: a variance this close to 0 is rounding noise from
 * the mean, not spread, so the feature gets scale 1 and transforms to exactly 0.
 */
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/**
 * Z-score normalization: `z = (x - mean) / std` per feature, with the population std
 * (divide by N), as scikit-learn's StandardScaler. Constant features get scale 1.
 *
 * @example
 * const scaler = new StandardScaler().fit(xTrain);
 * const zTest = scaler.transform(xTest);
 */
export class StandardScaler extends CenterScaleScaler {
  readonly type = 'StandardScaler';
  readonly withMean: boolean;
  readonly withStd: boolean;
  private meanV: Float64Array | null = null;
  private varV: Float64Array | null = null;
  private scaleV: Float64Array | null = null;

  constructor(options: StandardScalerOptions = {}) {
    super();
    checkOptions('StandardScaler', options, STANDARD_SCALER_OPTIONS);
    if (options.withMean !== undefined) checkBoolean('StandardScaler', 'withMean', options.withMean);
    if (options.withStd !== undefined) checkBoolean('StandardScaler', 'withStd', options.withStd);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): StandardScaler {
    const read = new ScalerReader(json, 'StandardScaler');
    const config = read.config(['withMean', 'withStd']);
    return new StandardScaler({ withMean: read.boolean('config.withMean', config.withMean), withStd: read.boolean('config.withStd', config.withStd) }).restore(read);
  }

  /** Per-feature mean seen by `fit` (sklearn `mean_`). */
  get mean(): Tensor { return vectorTensor(`${this.type}.mean`, this.meanV); }
  /** Per-feature population variance (sklearn `var_`). */
  get var(): Tensor { return vectorTensor(`${this.type}.var`, this.varV); }
  /** Per-feature divisor: the std, or 1 for constant features (sklearn `scale_`). */
  get scale(): Tensor { return vectorTensor(`${this.type}.scale`, this.scaleV); }

  protected fitMatrix(m: Matrix): void {
    const mean = columnMean(m);
    const variance = columnVariance(m, mean);
    this.meanV = mean;
    this.varV = this.withStd ? variance : null;
    this.scaleV = this.withStd ? variance.map((v, j) => (isConstant(v, mean[j], m.rows) ? 1 : Math.sqrt(v))) : null;
  }

  protected fittedCenter(): Float64Array | null {
    return this.withMean ? this.meanV : null;
  }

  protected fittedScale(): Float64Array | null {
    return this.scaleV;
  }

  protected config(): Record<string, unknown> {
    return { withMean: this.withMean, withStd: this.withStd };
  }

  protected saveState(): Record<string, unknown> {
    return { mean: toList(this.meanV!), var: this.varV && toList(this.varV), scale: this.scaleV && toList(this.scaleV) };
  }

  protected loadState(read: ScalerReader, n: number): void {
    const state = read.state(['mean', 'var', 'scale'])!;
    this.meanV = read.vector(state, 'mean', n);
    this.varV = read.vector(state, 'var', n, { min: 0 }, true);
    this.scaleV = read.vector(state, 'scale', n, { above: 0 }, true);
    read.present('var', this.varV, this.withStd, 'withStd');
    read.present('scale', this.scaleV, this.withStd, 'withStd');
  }
}
