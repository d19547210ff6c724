import { checkBoolean, checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { CLASS_OPTIONS, type ClassOptions, ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';

/** Options of {@link accuracyScore}. */
export interface AccuracyOptions extends ClassOptions {
  /** true (default): the fraction of correct predictions; false: their count. */
  normalize?: boolean;
}

const ACCURACY_OPTIONS = [...CLASS_OPTIONS, 'normalize'] as const satisfies readonly (keyof AccuracyOptions)[];

function fromCounts(counts: ConfusionCounts, normalize: boolean): number {
  return normalize ? counts.correct / counts.total : counts.correct;
}

/**
 * The fraction of samples whose predicted class equals the true class (scikit-learn's
 * `accuracy_score`). `yPred` may be class indices [N] or scores [N, C] (row-wise argmax).
 *
 * @example accuracyScore([0, 1, 2, 1], [0, 2, 2, 1]) // 0.75
 */
export function accuracyScore(yTrue: Vector, yPred: Predictions, options: AccuracyOptions = {}): number {
  checkOptions('accuracyScore', options, ACCURACY_OPTIONS);
  if (options?.normalize !== undefined) checkBoolean('accuracyScore', 'normalize', options.normalize);
  return fromCounts(countsOf('accuracyScore', yTrue, yPred, options.numClasses), options.normalize ?? true);
}

/** Streaming {@link accuracyScore}: `update(preds, targets)` per batch, then `compute()`. */
export class Accuracy extends ConfusionMetric<number> {
  private readonly normalize: boolean;

  constructor(options: AccuracyOptions = {}) {
    super('Accuracy', options.numClasses);
    checkOptions('Accuracy', options, ACCURACY_OPTIONS);
    if (options?.normalize !== undefined) checkBoolean('Accuracy', 'normalize', options.normalize);
    this.normalize = options.normalize ?? true;
  }

  protected result(counts: ConfusionCounts): number {
    return fromCounts(counts, this.normalize);
  }
}
