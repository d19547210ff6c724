import { MlpkitError, describe } from '@mlpkit/tensor';
import { ConfusionCounts } from './confusion-counts.js';
import { type Predictions, type Vector, checkBelow, checkNonEmpty, checkSameLength, readLabels } from './inputs.js';
import type { StreamingMetric } from './metric.js';

/** Options shared by the label-based classification metrics. */
export interface ClassOptions {
  /**
   * When set, classes are exactly 0..numClasses-1: any other label is an error, and
   * per-class results and the confusion matrix always have numClasses entries.
   */
  numClasses?: number;
}

/**
 * The most classes `numClasses` may name: per-class results then hold 65536 entries, and a
 * wider confusion matrix (which also needs the bytes `confusionMatrix` checks) is no picture anyone reads.
 */
export const maxNumClasses = 2 ** 16;

/** The keys of {@link ClassOptions}, which every label metric's option list starts with. */
export const CLASS_OPTIONS = ['numClasses'] as const satisfies readonly (keyof ClassOptions)[];

function checkNumClasses(op: string, numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > maxNumClasses)
    throw new MlpkitError(op, `numClasses: expected an integer in 1..${maxNumClasses}, got ${typeof numClasses === 'number' ? numClasses : describe(numClasses)}`);
}

/** Reads and checks one batch of true and predicted labels (`yPred` may be scores [N, C]). */
export function readLabelPair(
  op: string, yTrue: Vector, yPred: Predictions, numClasses?: number, names: [string, string] = ['yTrue', 'yPred'],
): [Int32Array, Int32Array] {
  const t = readLabels(op, names[0], yTrue);
  const p = readLabels(op, names[1], yPred, true);
  checkSameLength(op, names[0], t.length, names[1], p.length);
  if (numClasses !== undefined) {
    checkNumClasses(op, numClasses);
    checkBelow(op, names[0], t, numClasses);
    checkBelow(op, names[1], p, numClasses);
  }
  return [t, p];
}

/** The confusion counts of a whole (non-empty) dataset. */
export function countsOf(op: string, yTrue: Vector, yPred: Predictions, numClasses?: number): ConfusionCounts {
  const [t, p] = readLabelPair(op, yTrue, yPred, numClasses);
  checkNonEmpty(op, 'yTrue', t.length);
  const counts = new ConfusionCounts();
  counts.add(t, p);
  return counts;
}

/**
 * Base of the streaming label metrics: each batch adds to exact confusion counts, and the
 * result is computed from the counts, so streaming and one-shot results are identical.
 */
export abstract class ConfusionMetric<R> implements StreamingMetric<R, Predictions, Vector> {
  protected readonly counts = new ConfusionCounts();

  /** `metricName` names the metric in error messages, e.g. `"Accuracy"`. */
  constructor(protected readonly metricName: string, protected readonly numClasses?: number) {
    if (numClasses !== undefined) checkNumClasses(metricName, numClasses);
  }

  /** Adds a batch: `preds` are class indices [N] or scores [N, C] (argmax is taken), `targets` class indices [N]. */
  update(preds: Predictions, targets: Vector): void {
    const [t, p] = readLabelPair(`${this.metricName}.update`, targets, preds, this.numClasses, ['targets', 'preds']);
    this.counts.add(t, p);
  }

  /** The metric over every sample since the last reset; throws when there was none. */
  compute(): R {
    if (this.counts.total === 0)
      throw new MlpkitError(`${this.metricName}.compute`, 'expected at least one sample, got an empty dataset (0 samples since the last reset)');
    return this.result(this.counts);
  }

  /** Forgets every batch. */
  reset(): void {
    this.counts.clear();
  }

  protected abstract result(counts: ConfusionCounts): R;
}
