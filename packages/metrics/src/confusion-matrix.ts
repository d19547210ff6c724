import { MlpkitError, Tensor, checkAllocation, checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { CLASS_OPTIONS, type ClassOptions, ConfusionMetric, countsOf } from './confusion-metric.js';
import { type Predictions, type Vector, checkLabelList, range } from './inputs.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions extends ClassOptions {
  /** The rows' and columns' classes, in order; samples whose true or predicted label is not listed are left out. */
  labels?: readonly number[];
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); default none (counts). */
  normalize?: 'true' | 'pred' | 'all' | null;
}

const CONFUSION_MATRIX_OPTIONS = [...CLASS_OPTIONS, 'labels', 'normalize'] as const satisfies readonly (keyof ConfusionMatrixOptions)[];

function checkNormalize(op: string, normalize: unknown): void {
  if (normalize !== undefined && normalize !== null && !['true', 'pred', 'all'].includes(normalize as string))
    throw new MlpkitError(op, `normalize: expected 'true', 'pred', 'all' or null, got ${JSON.stringify(normalize)}`);
}

function normalized(counts: Int32Array, n: number, how: 'true' | 'pred' | 'all'): Float64Array {
  const out = new Float64Array(counts.length);
  const total = counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let den = total;
      if (how === 'true') den = counts.slice(i * n, i * n + n).reduce((a, b) => a + b, 0);
      if (how === 'pred') den = range(n).reduce((s, r) => s + counts[r * n + j], 0);
      // 0/0 (a class with no samples) becomes 0, as scikit-learn's nan_to_num does.
      out[i * n + j] = den === 0 ? 0 : counts[i * n + j] / den;
    }
  }
  return out;
}

function fromCounts(op: string, counts: ConfusionCounts, options: ConfusionMatrixOptions): Tensor {
  checkNormalize(op, options.normalize);
  let labels = options.labels ? [...options.labels] : null;
  if (labels) {
    checkLabelList(op, labels);
    if (!labels.some((l) => counts.inTruth(l)))
      throw new MlpkitError(op, `labels: expected at least one label that occurs in yTrue, got [${labels.join(', ')}]`);
  }
  labels ??= options.numClasses !== undefined ? range(options.numClasses) : counts.presentLabels();
  const n = labels.length;
  // Many labels make an n × n matrix: refused with its size before anything is allocated.
  checkAllocation(op, options.normalize ? 'float64' : 'int32', n * n);
  const matrix = counts.matrix(labels);
  return new Tensor(options.normalize ? normalized(matrix, n, options.normalize) : matrix, [n, n]);
}

/**
 * The confusion matrix C, where C[i, j] counts samples of true class `labels[i]` predicted as
 * `labels[j]` (scikit-learn's `confusion_matrix`). Returns an int32 Tensor [L, L] of counts,
 * or a float64 Tensor with `normalize`. Without `labels`, rows and columns are the sorted
 * classes seen in yTrue or yPred (or 0..numClasses-1 when `numClasses` is set).
 *
 * @example confusionMatrix([0, 1, 1], [0, 1, 0]).tolist() // [[1, 0], [1, 1]]
 */
export function confusionMatrix(yTrue: Vector, yPred: Predictions, options: ConfusionMatrixOptions = {}): Tensor {
  const op = 'confusionMatrix';
  checkOptions(op, options, CONFUSION_MATRIX_OPTIONS);
  return fromCounts(op, countsOf(op, yTrue, yPred, options.numClasses), options);
}

/** Streaming {@link confusionMatrix}; pass `numClasses` for a fixed [numClasses, numClasses] shape. */
export class ConfusionMatrix extends ConfusionMetric<Tensor> {
  private readonly options: ConfusionMatrixOptions;

  constructor(options: ConfusionMatrixOptions = {}) {
    super('ConfusionMatrix', options.numClasses);
    checkOptions(this.metricName, options, CONFUSION_MATRIX_OPTIONS);
    checkNormalize(this.metricName, options.normalize);
    if (options.labels) checkLabelList(this.metricName, options.labels);
    this.options = { ...options };
  }

  protected result(counts: ConfusionCounts): Tensor {
    return fromCounts(`${this.metricName}.compute`, counts, this.options);
  }
}
