import { checkBoolean, checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { CLASS_OPTIONS, type ClassOptions, ConfusionMetric, countsOf } from './confusion-metric.js';
import type { Predictions, Vector } from './inputs.js';

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyOptions extends ClassOptions {
  /** Rescale so that chance level scores 0 and a perfect score 1 (default false). */
  adjusted?: boolean;
}

const BALANCED_ACCURACY_OPTIONS = [...CLASS_OPTIONS, 'adjusted'] as const satisfies readonly (keyof BalancedAccuracyOptions)[];

function fromCounts(counts: ConfusionCounts, adjusted: boolean): number {
  // Classes that never occur in the truth have no recall; scikit-learn drops them.
  const recalls = counts.presentLabels().filter((l) => counts.inTruth(l)).map((l) => counts.cell(l, l) / counts.support(l));
  let score = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  if (adjusted) {
    const chance = 1 / recalls.length;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

/**
 * The mean over classes of per-class recall, robust to class imbalance (scikit-learn's
 * `balanced_accuracy_score`). Classes that only occur in `yPred` are left out.
 *
 * @example balancedAccuracyScore([0, 0, 0, 1], [0, 0, 0, 0]) // 0.5
 */
export function balancedAccuracyScore(yTrue: Vector, yPred: Predictions, options: BalancedAccuracyOptions = {}): number {
  checkOptions('balancedAccuracyScore', options, BALANCED_ACCURACY_OPTIONS);
  if (options?.adjusted !== undefined) checkBoolean('balancedAccuracyScore', 'adjusted', options.adjusted);
  return fromCounts(countsOf('balancedAccuracyScore', yTrue, yPred, options.numClasses), options.adjusted ?? false);
}

/** Streaming {@link balancedAccuracyScore}. */
export class BalancedAccuracy extends ConfusionMetric<number> {
  private readonly adjusted: boolean;

  constructor(options: BalancedAccuracyOptions = {}) {
    super('BalancedAccuracy', options.numClasses);
    checkOptions('BalancedAccuracy', options, BALANCED_ACCURACY_OPTIONS);
    if (options?.adjusted !== undefined) checkBoolean('BalancedAccuracy', 'adjusted', options.adjusted);
    this.adjusted = options.adjusted ?? false;
  }

  protected result(counts: ConfusionCounts): number {
    return fromCounts(counts, this.adjusted);
  }
}
