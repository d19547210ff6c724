import { MlpkitError, Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { projectRows, unprojectRows } from '../linalg/covariance.js';
import { principalAxes } from '../linalg/principal-axes.js';
import { flipSigns } from '../linalg/sign-flip.js';
import { columnMean, toList, vectorTensor } from './column-stats.js';
import { FeatureScaler, type OutputArray } from './feature-scaler.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/** Options of {@link PCA}, as scikit-learn names them. */
export interface PCAOptions {
  /**
   * Components to keep: an integer count, a fraction in (0, 1) of the variance to explain,
   * or null (default) for min(samples, features).
   */
  nComponents?: number | null;
  /** Divide each component by its std so the output has unit variance (default false). */
  whiten?: boolean;
}

const PCA_OPTIONS = ['nComponents', 'whiten'] as const satisfies readonly (keyof PCAOptions)[];

/** The number of components an option asks for, given the sorted variance ratios. */
function resolveComponents(option: number | null, ratios: Float64Array, limit: number): number {
  if (option === null) return limit;
  if (option > 0 && option < 1) {
    let sum = 0;
    for (let k = 0; k < limit; k++) if ((sum += ratios[k]) > option) return k + 1;
    return limit;
  }
  if (!Number.isInteger(option) || option < 1 || option > limit)
    throw new MlpkitError('PCA.fit', `nComponents must be an integer in [1, ${limit}] (min of samples and features) or a fraction in (0, 1), got ${option}`);
  return option;
}

/**
 * Principal component analysis: projects centered data onto the eigenvectors of its
 * covariance (ddof 1, as scikit-learn), largest variance first, optionally whitened. Each
 * component's sign makes its largest-magnitude entry positive, so results are reproducible.
 * With fewer samples than features the same components come from the samples × samples Gram
 * matrix, so wide data (a few samples of many features) needs a samples² matrix, not a features² one.
 *
 * Memory: with `whiten`, the component rows scaled by `1/std` are built by the first `transform`
 * and kept until the next `fit` or load (and those scaled by `std` by the first
 * `inverseTransform`), each nComponents × features float64 (0.3 MB for 50 of 784 features).
 *
 * @example
 * const pca = new PCA({ nComponents: 50 }).fit(xTrain);
 * const reduced = pca.transform(xTest); // [N, 50]
 */
export class PCA extends FeatureScaler {
  readonly type = 'PCA';
  readonly nComponentsOption: number | null;
  readonly whiten: boolean;
  private meanV: Float64Array | null = null;
  private componentsV: Float64Array | null = null;
  private varianceV: Float64Array | null = null;
  private ratioV: Float64Array | null = null;
  private nSamples = 0;
  // With whiten, the scaled component rows, built on first use and dropped with every new state.
  private whitenedV: Float64Array | null = null;
  private unwhitenedV: Float64Array | null = null;

  constructor(options: PCAOptions = {}) {
    super();
    checkOptions('PCA', options, PCA_OPTIONS);
    this.nComponentsOption = options.nComponents ?? null;
    if (options.whiten !== undefined) checkBoolean('PCA', 'whiten', options.whiten);
    this.whiten = options.whiten ?? false;
  }

  /** Rebuilds a PCA saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): PCA {
    const read = new ScalerReader(json, 'PCA');
    const config = read.config(['nComponents', 'whiten']);
    const nComponents = config.nComponents === null ? null : read.number('config.nComponents', config.nComponents, { above: 0 });
    return new PCA({ nComponents, whiten: read.boolean('config.whiten', config.whiten) }).restore(read);
  }

  /** How many components `transform` outputs (after `fit`). */
  get nComponents(): number { return this.varianceV?.length ?? 0; }
  /** Per-feature mean (sklearn `mean_`). */
  get mean(): Tensor { return vectorTensor(`${this.type}.mean`, this.meanV); }
  /** Principal axes, one per row, [nComponents, features] (sklearn `components_`). */
  get components(): Tensor {
    const c = vectorTensor(`${this.type}.components`, this.componentsV);
    return new Tensor(c.data, [this.nComponents, this.nFeaturesIn!]);
  }
  /** Variance along each component, ddof 1 (sklearn `explained_variance_`). */
  get explainedVariance(): Tensor { return vectorTensor(`${this.type}.explainedVariance`, this.varianceV); }
  /** Fraction of the total variance each component explains. */
  get explainedVarianceRatio(): Tensor { return vectorTensor(`${this.type}.explainedVarianceRatio`, this.ratioV); }
  /** Singular values of the centered data, `sqrt(variance * (N - 1))`. */
  get singularValues(): Tensor {
    const v = this.varianceV && this.varianceV.map((ev) => Math.sqrt(ev * (this.nSamples - 1)));
    return vectorTensor(`${this.type}.singularValues`, v);
  }

  // The covariance divides by N - 1.
  protected override get minSamples(): number {
    return 2;
  }

  protected override get nFeaturesOut(): number {
    return this.nComponents;
  }

  protected fitMatrix(m: Matrix): void {
    const f = m.cols;
    const mean = columnMean(m);
    const axes = principalAxes(`${this.type}.fit`, m, mean);
    const variance = axes.variance;
    const total = variance.reduce((a, b) => a + b, 0);
    const ratios = variance.map((v) => (total > 0 ? v / total : 0));
    const k = resolveComponents(this.nComponentsOption, ratios, Math.min(m.rows, f));
    const components = axes.rows(k);
    flipSigns(components, k, f);
    this.meanV = mean;
    this.componentsV = components;
    this.varianceV = variance.slice(0, k);
    this.ratioV = ratios.slice(0, k);
    this.nSamples = m.rows;
    this.forgetScaled();
  }

  /** Drops the scaled rows built from the previous state (every state change calls this). */
  private forgetScaled(): void {
    this.whitenedV = null;
    this.unwhitenedV = null;
  }

  /** Component rows scaled by `1/std` (whiten) or `std` (un-whiten), or as they are. */
  private scaledComponents(power: 1 | -1): Float64Array {
    if (!this.whiten) return this.componentsV!;
    // Rebuilt per call, they added about half again to a 64-row transform with 784 components.
    return power === -1 ? (this.whitenedV ??= this.scale(-1)) : (this.unwhitenedV ??= this.scale(1));
  }

  private scale(power: 1 | -1): Float64Array {
    const f = this.nFeaturesIn!;
    // sklearn's guard: a zero-variance component is divided by machine epsilon, not by 0.
    const std = this.varianceV!.map((v) => Math.max(Math.sqrt(v), Number.EPSILON));
    return this.componentsV!.map((w, i) => w * std[Math.floor(i / f)] ** power);
  }

  protected transformInto(m: Matrix, out: OutputArray): void {
    projectRows(m, this.meanV!, this.scaledComponents(-1), this.nComponents, out);
  }

  protected inverseInto(m: Matrix, out: OutputArray): void {
    unprojectRows(m, this.scaledComponents(1), this.meanV!, out);
  }

  protected config(): Record<string, unknown> {
    return { nComponents: this.nComponentsOption, whiten: this.whiten };
  }

  protected saveState(): Record<string, unknown> {
    const list = (v: Float64Array | null) => toList(v!);
    return { mean: list(this.meanV), components: list(this.componentsV), explainedVariance: list(this.varianceV), explainedVarianceRatio: list(this.ratioV), nSamples: this.nSamples };
  }

  protected loadState(read: ScalerReader, n: number): void {
    const state = read.state(['mean', 'components', 'explainedVariance', 'explainedVarianceRatio', 'nSamples'])!;
    const k = read.array('state.explainedVariance', state.explainedVariance).length;
    if (k < 1 || k > n) read.fail('state.explainedVariance', `1 to ${n} components (one per kept component, at most one per feature)`, state.explainedVariance);
    this.meanV = read.vector(state, 'mean', n);
    this.componentsV = read.vector(state, 'components', k * n);
    this.varianceV = read.vector(state, 'explainedVariance', k, { min: 0 });
    this.ratioV = read.vector(state, 'explainedVarianceRatio', k, { min: 0, max: 1 });
    this.nSamples = read.number('state.nSamples', state.nSamples, { integer: true, min: 2 });
    this.forgetScaled();
  }
}
