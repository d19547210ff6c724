import { checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';
import { PRF_OPTIONS, type PerClass, type PrfOptions, checkPrfOptions, prfFromCounts } from './precision-recall-fscore.js';

/** Which of `prfFromCounts`' scores a metric reports. */
export type PrfScore = 'precision' | 'recall' | 'fScore';

/**
 * The one-shot body of precisionScore, recallScore and f1Score: confusion counts of the whole
 * dataset, then the one `score` asked for, with errors named after the function (`op`).
 */
export function prfScore<O extends PrfOptions>(op: string, score: PrfScore, yTrue: Vector, yPred: Predictions, options?: O): PerClass<O> {
  checkOptions(op, options, PRF_OPTIONS);
  return prfFromCounts(op, countsOf(op, yTrue, yPred, options?.numClasses), options)[score] as PerClass<O>;
}

/**
 * Base of the streaming Precision, Recall and F1Score: confusion counts over the batches, the
 * options checked up front, and one of `prfFromCounts`' scores at `compute`.
 */
export abstract class PrfMetric<O extends PrfOptions = PrfOptions> extends ConfusionMetric<PerClass<O>> {
  private readonly options: PrfOptions;

  /** `metricName` names the metric in error messages; `score` is the result it reports. */
  protected constructor(metricName: string, private readonly score: PrfScore, options?: O) {
    super(metricName, options?.numClasses);
    checkPrfOptions(this.metricName, options);
    this.options = { ...options };
  }

  protected result(counts: ConfusionCounts): PerClass<O> {
    return prfFromCounts(`${this.metricName}.compute`, counts, this.options)[this.score] as PerClass<O>;
  }
}
