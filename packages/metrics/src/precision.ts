import type { Predictions, Vector } from './inputs.js';
import type { PerClass, PrfOptions } from './precision-recall-fscore.js';
import { PrfMetric, prfScore } from './prf-metric.js';

/**
 * The fraction of predicted positives that are truly positive: tp / (tp + fp) (scikit-learn's `precision_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example precisionScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5 (class 1: one of two predictions right)
 */
export function precisionScore<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  return prfScore('precisionScore', 'precision', yTrue, yPred, options);
}

/** Streaming {@link precisionScore}, with the same options. */
export class Precision<O extends PrfOptions = PrfOptions> extends PrfMetric<O> {
  constructor(options?: O) {
    super('Precision', 'precision', options);
  }
}
