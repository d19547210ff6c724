import type { ConfusionCounts } from './confusion-counts.js';
import { ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';
import { type PerClass, type PrfOptions, checkPrfOptions, prfFromCounts } from './precision-recall-fscore.js';

/**
 * The fraction of true positives that are found: tp / (tp + fn) (scikit-learn's `recall_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example recallScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5 (class 1: one of two found)
 */
export function recallScore<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  const op = 'recallScore';
  return prfFromCounts(op, countsOf(op, yTrue, yPred, options?.numClasses), options).recall as PerClass<O>;
}

/** Streaming {@link recallScore}, with the same options. */
export class Recall<O extends PrfOptions = PrfOptions> extends ConfusionMetric<PerClass<O>> {
  private readonly options: PrfOptions;

  constructor(options?: O) {
    super('Recall', options?.numClasses);
    checkPrfOptions(this.metricName, options);
    this.options = { ...options };
  }

  protected result(counts: ConfusionCounts): PerClass<O> {
    return prfFromCounts(`${this.metricName}.compute`, counts, this.options).recall as PerClass<O>;
  }
}
