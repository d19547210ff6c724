import { type Matrix, checkNonEmpty } from './inputs.js';
import { ErrorSums } from './error-sums.js';
import { type Multioutput, type PerOutput, checkMultioutput, readRegressionBatch } from './regression-inputs.js';

/** Options of {@link meanAbsoluteError}. */
export interface MeanAbsoluteErrorOptions {
  /** Combining the outputs of [N, D] targets (default `'uniform_average'`). */
  multioutput?: Multioutput;
}

/** Streaming {@link meanAbsoluteError}: `update(preds, targets)` per batch. */
export class MeanAbsoluteError<O extends MeanAbsoluteErrorOptions = MeanAbsoluteErrorOptions> extends ErrorSums<O> {

  constructor(options?: O) {
    super('MeanAbsoluteError', options?.multioutput);
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
  checkMultioutput(op, options?.multioutput);
  const batch = readRegressionBatch(op, yTrue, yPred, ['yTrue', 'yPred']);
  checkNonEmpty(op, 'yTrue', batch.yTrue.rows);
  const metric = new MeanAbsoluteError(options);
  metric.add(batch);
  return metric.compute() as PerOutput<O>;
}
