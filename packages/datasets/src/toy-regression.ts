import { MlpkitError, allocate, checkAllocation, checkOptions } from '@mlpkit/tensor';
import { SEED_OPTIONS, type SeedOptions, checkInteger, resolveGenerator } from './random-options.js';
import { TensorDataset } from './tensor-dataset.js';

/** A generated regression problem and the truth it was generated from. */
export interface LinearRegressionData {
  /** Features `[N, nFeatures]` and float32 targets `[N, 1]`. */
  dataset: TensorDataset;
  /** The weights y was made with. */
  weights: Float32Array;
  /** The bias y was made with. */
  bias: number;
}

/** Options of `makeLinearRegression`. */
export interface LinearRegressionOptions extends SeedOptions {
  /** Number of rows (default 100). */
  nSamples?: number;
  /** Number of input features (default 1; ignored when `weights` is given). */
  nFeatures?: number;
  /** The true weights (default: drawn from a standard normal). */
  weights?: readonly number[];
  /** The true bias (default 0). */
  bias?: number;
  /** Standard deviation of Gaussian noise added to y (default 0). */
  noise?: number;
}

const LINEAR_OPTIONS = [...SEED_OPTIONS, 'nSamples', 'nFeatures', 'weights', 'bias', 'noise'] as const satisfies readonly (keyof LinearRegressionOptions)[];

/** y = x·w + b + noise, with x drawn from a standard normal; targets are float32 `[N, 1]`. */
export function makeLinearRegression(options: LinearRegressionOptions = {}): LinearRegressionData {
  const op = 'makeLinearRegression';
  checkOptions(op, options, LINEAR_OPTIONS);
  const n = options.nSamples ?? 100;
  checkInteger(op, 'nSamples', n, 1);
  const g = resolveGenerator(op, options);
  const d = options.weights?.length ?? options.nFeatures ?? 1;
  checkInteger(op, 'nFeatures', d, 1);
  // Before the weights are drawn: nFeatures 1e12 would otherwise fail inside Array.from.
  checkAllocation(op, 'float32', n * d);
  const weights = Float32Array.from(options.weights ?? Array.from({ length: d }, () => g.normal()));
  const bias = options.bias ?? 0;
  const noise = options.noise ?? 0;
  if (!(noise >= 0)) throw new MlpkitError(op, `noise must be >= 0, got ${noise}`);
  const x = allocate('float32', n * d, op);
  const y = allocate('float32', n, op);
  for (let i = 0; i < n; i++) {
    let sum = bias;
    for (let j = 0; j < d; j++) {
      const v = (x[i * d + j] = g.normal());
      sum += v * weights[j];
    }
    y[i] = sum + (noise > 0 ? noise * g.normal() : 0);
  }
  return { dataset: new TensorDataset(x, y, { featureShape: [d], targetShape: [1] }), weights, bias };
}

/** Options of `makePolynomialRegression`. */
export interface PolynomialRegressionOptions extends SeedOptions {
  /** Number of rows (default 100). */
  nSamples?: number;
  /** c0, c1, c2, ...: y = c0 + c1·x + c2·x² + ... (default [0, 0, 1], a parabola). */
  coefficients?: readonly number[];
  /** Where x is drawn uniformly (default [-1, 1]). */
  xRange?: readonly [number, number];
  /** Standard deviation of Gaussian noise added to y (default 0). */
  noise?: number;
}

const POLYNOMIAL_OPTIONS = [...SEED_OPTIONS, 'nSamples', 'coefficients', 'xRange', 'noise'] as const satisfies readonly (keyof PolynomialRegressionOptions)[];

/** One input x uniform in `xRange` and y a polynomial of it plus noise; features `[N, 1]`, targets `[N, 1]`. */
export function makePolynomialRegression(options: PolynomialRegressionOptions = {}): { dataset: TensorDataset; coefficients: readonly number[] } {
  const op = 'makePolynomialRegression';
  checkOptions(op, options, POLYNOMIAL_OPTIONS);
  const n = options.nSamples ?? 100;
  checkInteger(op, 'nSamples', n, 1);
  const coefficients = options.coefficients ?? [0, 0, 1];
  if (coefficients.length === 0) throw new MlpkitError(op, 'coefficients must hold at least one value, got []');
  const [lo, hi] = options.xRange ?? [-1, 1];
  if (!(hi > lo)) throw new MlpkitError(op, `xRange must be [low, high] with low < high, got [${lo}, ${hi}]`);
  const noise = options.noise ?? 0;
  if (!(noise >= 0)) throw new MlpkitError(op, `noise must be >= 0, got ${noise}`);
  const g = resolveGenerator(op, options);
  const x = allocate('float32', n, op);
  const y = allocate('float32', n, op);
  for (let i = 0; i < n; i++) {
    const v = lo + (hi - lo) * g.random();
    let sum = 0;
    for (let k = coefficients.length - 1; k >= 0; k--) sum = sum * v + coefficients[k];
    x[i] = v;
    y[i] = sum + (noise > 0 ? noise * g.normal() : 0);
  }
  return { dataset: new TensorDataset(x, y, { featureShape: [1], targetShape: [1] }), coefficients };
}
