import type { ConfusionCounts } from './confusion-counts.js';
import { ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';
import { type PerClass, type PrfOptions, checkPrfOptions, prfFromCounts } from './precision-recall-fscore.js';

/**
 * The fraction of predicted positives that are truly positive: tp / (tp + fp) (scikit-learn's `precision_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example precisionScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5 (class 1: one of two predictions right)
 */
export function precisionScore<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  const op = 'precisionScore';
  return prfFromCounts(op, countsOf(op, yTrue, yPred, options?.numClasses), options).precision as PerClass<O>;
}

/** Streaming {@link precisionScore}, with the same options. */
export class Precision<O extends PrfOptions = PrfOptions> extends ConfusionMetric<PerClass<O>> {
  private readonly options: PrfOptions;

  constructor(options?: O) {
    super('Precision', options?.numClasses);
    checkPrfOptions(this.metricName, options);
    this.options = { ...options };
  }

  protected result(counts: ConfusionCounts): PerClass<O> {
    return prfFromCounts(`${this.metricName}.compute`, counts, this.options).precision as PerClass<O>;
  }
}
