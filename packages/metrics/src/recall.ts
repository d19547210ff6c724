import type { Predictions, Vector } from './inputs.js';
import type { PerClass, PrfOptions } from './precision-recall-fscore.js';
import { PrfMetric, prfScore } from './prf-metric.js';

/**
 * The fraction of true positives that are found: tp / (tp + fn) (scikit-learn's `recall_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example recallScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5 (class 1: one of two found)
 */
export function recallScore<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  return prfScore('recallScore', 'recall', yTrue, yPred, options);
}

/** Streaming {@link recallScore}, with the same options. */
export class Recall<O extends PrfOptions = PrfOptions> extends PrfMetric<O> {
  constructor(options?: O) {
    super('Recall', 'recall', options);
  }
}
