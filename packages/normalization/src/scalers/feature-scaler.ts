import { MlpkitError, Tensor, formatShape } from '@mlpkit/tensor';
import { type Matrix, matrixOf } from './matrix.js';
import type { Scaler, ScalerJSON } from './scaler.js';
import type { ScalerReader } from './scaler-reader.js';

/** Output storage: float64 for float64 input, float32 otherwise (ints become floats). */
export type OutputArray = Float32Array | Float64Array;

/**
 * The shared life cycle of scalers that learn per-feature statistics: input checks (shape,
 * NaN/Inf, fitted, feature count) live here once, and each scaler writes only its maths, in
 * float64, over a (samples, features) view of the data.
 */
export abstract class FeatureScaler implements Scaler {
  abstract readonly type: string;
  /** How many features `fit` saw (null before `fit`). */
  nFeaturesIn: number | null = null;
  /** The fewest samples `fit` accepts. */
  protected get minSamples(): number {
    return 1;
  }

  get fitted(): boolean {
    return this.nFeaturesIn !== null;
  }

  fit(x: Tensor): this {
    const m = matrixOf(`${this.type}.fit`, x);
    if (m.rows < this.minSamples)
      throw new MlpkitError(`${this.type}.fit`, `expected at least ${this.minSamples} sample(s), got shape ${formatShape(x.shape)}`);
    // As scikit-learn: no feature leaves no statistic to learn, and a state nothing can read back.
    if (m.cols < 1) throw new MlpkitError(`${this.type}.fit`, `expected at least 1 feature, got shape ${formatShape(x.shape)}`);
    this.fitMatrix(m);
    this.nFeaturesIn = m.cols;
    return this;
  }

  transform(x: Tensor): Tensor {
    return this.apply('transform', x, this.requireFitted('transform'), this.nFeaturesOut, (m, out) => this.transformInto(m, out));
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  inverseTransform(x: Tensor): Tensor {
    const nIn = this.requireFitted('inverseTransform');
    return this.apply('inverseTransform', x, this.nFeaturesOut, nIn, (m, out) => this.inverseInto(m, out));
  }

  toJSON(): ScalerJSON {
    const state = this.fitted ? { nFeaturesIn: this.nFeaturesIn, ...this.saveState() } : null;
    return { type: this.type, version: 1, config: this.config(), state };
  }

  /**
   * Restores fitted statistics written by `toJSON` (used by each class's `fromJSON` on a new
   * scaler), after checking every field: a refused state throws before the scaler is returned.
   */
  protected restore(read: ScalerReader): this {
    if (read.json.state === null) return this;
    const state = read.object('state', read.json.state);
    const n = read.number('state.nFeaturesIn', state.nFeaturesIn, { integer: true, min: 1 });
    this.loadState(read, n);
    this.nFeaturesIn = n;
    return this;
  }

  /** Features per sample after `transform` (PCA reduces them; the others keep them). */
  protected get nFeaturesOut(): number {
    return this.nFeaturesIn ?? 0;
  }

  protected abstract fitMatrix(m: Matrix): void;
  protected abstract transformInto(m: Matrix, out: OutputArray): void;
  protected abstract inverseInto(m: Matrix, out: OutputArray): void;
  protected abstract config(): Record<string, unknown>;
  protected abstract saveState(): Record<string, unknown>;
  /** Reads and checks the fitted statistics of `n` features (see `ScalerReader.state`). */
  protected abstract loadState(read: ScalerReader, n: number): void;

  private requireFitted(method: string): number {
    if (this.nFeaturesIn === null)
      throw new MlpkitError(`${this.type}.${method}`, `this scaler is not fitted yet: call fit(trainingData) first (fit on the training set only, then transform every split with it)`);
    return this.nFeaturesIn;
  }

  private apply(method: string, x: Tensor, colsIn: number, colsOut: number, fn: (m: Matrix, out: OutputArray) => void): Tensor {
    const op = `${this.type}.${method}`;
    const m = matrixOf(op, x);
    if (m.cols !== colsIn)
      throw new MlpkitError(op, `fitted on ${colsIn} features, got ${m.cols} (input shape ${formatShape(x.shape)})`);
    const out = x.dtype === 'float64' ? new Float64Array(m.rows * colsOut) : new Float32Array(m.rows * colsOut);
    fn(m, out);
    return new Tensor(out, colsIn === colsOut ? x.shape : [m.rows, colsOut]);
  }
}
