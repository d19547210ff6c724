import type { ConfusionCounts } from './confusion-counts.js';
import { ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';
import { type PerClass, type PrfOptions, checkPrfOptions, prfFromCounts } from './precision-recall-fscore.js';

/**
 * The harmonic mean of precision and recall: 2pr / (p + r) (scikit-learn's `f1_score`).
 * Returns a number, or one number per class (in `labels` order) when `average` is null.
 *
 * @example f1Score([0, 1, 1, 2], [0, 1, 2, 2], { average: 'macro' }) // 0.7777…
 */
export function f1Score<O extends PrfOptions = PrfOptions>(yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  const op = 'f1Score';
  return prfFromCounts(op, countsOf(op, yTrue, yPred, options?.numClasses), options).fScore as PerClass<O>;
}

/** Streaming {@link f1Score}, with the same options. */
export class F1Score<O extends PrfOptions = PrfOptions> extends ConfusionMetric<PerClass<O>> {
  private readonly options: PrfOptions;

  constructor(options?: O) {
    super('F1Score', options?.numClasses);
    checkPrfOptions(this.metricName, options);
    this.options = { ...options };
  }

  protected result(counts: ConfusionCounts): PerClass<O> {
    return prfFromCounts(`${this.metricName}.compute`, counts, this.options).fScore as PerClass<O>;
  }
}
