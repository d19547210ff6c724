import { checkOptions } from '@mlpkit/tensor';
import { ErrorSums } from './error-sums.js';
import type { Matrix } from './inputs.js';
import { type Multioutput, type PerOutput, checkMultioutput, readRegressionDataset } from './regression-inputs.js';

/** Options of {@link meanAbsoluteError}. */
export interface MeanAbsoluteErrorOptions {
  /** Combining the outputs of [N, D] targets (default `'uniform_average'`). */
  multioutput?: Multioutput;
}

/** Streaming {@link meanAbsoluteError}: `update(preds, targets)` per batch. */
const MAE_OPTIONS = ['multioutput'] as const satisfies readonly (keyof MeanAbsoluteErrorOptions)[];

export class MeanAbsoluteError<O extends MeanAbsoluteErrorOptions = MeanAbsoluteErrorOptions> extends ErrorSums<O> {

  constructor(options?: O) {
    super('MeanAbsoluteError', options?.multioutput);
    checkOptions('MeanAbsoluteError', options, MAE_OPTIONS);
  }

  protected pointError(yTrue: number, yPred: number): number {
    return Math.abs(yTrue - yPred);
  }
}

/**
 * The mean of |yTrue - yPred| (scikit-learn's `mean_absolute_error`), on [N] or [N, D] targets.
 *
 * @example meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function meanAbsoluteError<O extends MeanAbsoluteErrorOptions = MeanAbsoluteErrorOptions>(yTrue: Matrix, yPred: Matrix, options?: O): PerOutput<O> {
  const op = 'meanAbsoluteError';
  checkOptions(op, options, MAE_OPTIONS);
  checkMultioutput(op, options?.multioutput);
  const metric = new MeanAbsoluteError(options);
  metric.add(readRegressionDataset(op, yTrue, yPred));
  return metric.compute() as PerOutput<O>;
}
