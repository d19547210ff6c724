import type { Predictions, Vector } from './inputs.js';
import type { PerClass, PrfOptions } from './precision-recall-fscore.js';
import { PrfMetric, prfScore } from './prf-metric.js';

/**
 * The harmonic mean of precision and recall: 2pr / (p + r) (scikit-learn's `f1_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example f1Score([0, 1, 1, 2], [0, 1, 2, 2], { average: 'macro' }) // 0.7777…
 */
export function f1Score<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  return prfScore('f1Score', 'fScore', yTrue, yPred, options);
}

/** Streaming {@link f1Score}, with the same options. */
export class F1Score<O extends PrfOptions = PrfOptions> extends PrfMetric<O> {
  constructor(options?: O) {
    super('F1Score', 'fScore', options);
  }
}
