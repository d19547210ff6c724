import { checkBoolean, checkOptions } from '@mlpkit/tensor';
import { ErrorSums } from './error-sums.js';
import type { Matrix } from './inputs.js';
import { type Multioutput, type PerOutput, checkMultioutput, readRegressionDataset } from './regression-inputs.js';

/** Options of {@link meanSquaredError}. */
export interface MeanSquaredErrorOptions {
  /** Combining the outputs of [N, D] targets (default `'uniform_average'`). */
  multioutput?: Multioutput;
  /** false: the root mean squared error, per output before combining (default true). */
  squared?: boolean;
}

/** Streaming {@link meanSquaredError}: `update(preds, targets)` per batch. */
const MSE_OPTIONS = ['multioutput', 'squared'] as const satisfies readonly (keyof MeanSquaredErrorOptions)[];

export class MeanSquaredError<O extends MeanSquaredErrorOptions = MeanSquaredErrorOptions> extends ErrorSums<O> {
  private readonly squared: boolean;

  constructor(options?: O) {
    super('MeanSquaredError', options?.multioutput);
    checkOptions('MeanSquaredError', options, MSE_OPTIONS);
    if (options?.squared !== undefined) checkBoolean('MeanSquaredError', 'squared', options.squared);
    this.squared = options?.squared ?? true;
  }

  protected pointError(yTrue: number, yPred: number): number {
    return (yTrue - yPred) ** 2;
  }

  protected override finish(meanError: number): number {
    return this.squared ? meanError : Math.sqrt(meanError);
  }
}

/**
 * The mean of (yTrue - yPred)² (scikit-learn's `mean_squared_error`), on [N] or [N, D]
 * targets; `squared: false` gives the RMSE.
 *
 * @example meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.375
 */
export function meanSquaredError<O extends MeanSquaredErrorOptions = MeanSquaredErrorOptions>(yTrue: Matrix, yPred: Matrix, options?: O): PerOutput<O> {
  const op = 'meanSquaredError';
  checkOptions(op, options, MSE_OPTIONS);
  if (options?.squared !== undefined) checkBoolean(op, 'squared', options.squared);
  checkMultioutput(op, options?.multioutput);
  const metric = new MeanSquaredError(options);
  metric.add(readRegressionDataset(op, yTrue, yPred));
  return metric.compute() as PerOutput<O>;
}
