import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { CLASS_OPTIONS, type ClassOptions, countsOf } from './confusion-metric.js';
import { type Predictions, type Vector, checkLabelList, range } from './inputs.js';

/**
 * How per-class scores are combined: `'binary'` reports class `posLabel` only (two classes
 * at most), `'micro'` pools every decision, `'macro'` is the unweighted mean over classes,
 * `'weighted'` weights each class by its support, and `null` returns one score per class.
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/** Options of precision, recall and F-scores (scikit-learn's parameters in camelCase). */
export interface PrfOptions extends ClassOptions {
  /** Default `'binary'`, as in scikit-learn; `null` gives per-class values. */
  average?: Average | null;
  /** The classes to report and their order (`average: null`), or to average over; labels outside are ignored. Default: every class seen (or 0..numClasses-1). */
  labels?: readonly number[];
  /** The positive class for `average: 'binary'` (default 1). */
  posLabel?: number;
  /** The value of a 0/0 ratio, e.g. the precision of a class never predicted (default 0). */
  zeroDivision?: 0 | 1;
}

/** A number for an average, one number per class (in `labels` order) for `average: null`. */
export type PerClass<O> = O extends { average: null } ? number[] : number;

/** Precision, recall, F-score and support, as scikit-learn's `precision_recall_fscore_support` returns them. */
export interface PrfResult {
  precision: number | number[];
  recall: number | number[];
  fScore: number | number[];
  /** Per-class support for `average: null`, otherwise null. */
  support: number[] | null;
}

/** The keys of {@link PrfOptions}. */
export const PRF_OPTIONS = [...CLASS_OPTIONS, 'average', 'labels', 'posLabel', 'zeroDivision'] as const satisfies readonly (keyof PrfOptions)[];

function checkZeroDivision(op: string, z: unknown): 0 | 1 {
  if (z !== 0 && z !== 1) throw new MlpkitError(op, `zeroDivision: expected 0 or 1, got ${String(z)}`);
  return z;
}

function checkAverage(op: string, average: unknown): void {
  if (average !== null && !['binary', 'micro', 'macro', 'weighted'].includes(average as string))
    throw new MlpkitError(op, `average: expected 'binary', 'micro', 'macro', 'weighted' or null, got ${JSON.stringify(average)}`);
}

/** Throws on an invalid `average`, `zeroDivision` or `labels`, before any data is seen. */
export function checkPrfOptions(op: string, options: PrfOptions = {}): void {
  checkOptions(op, options, PRF_OPTIONS);
  checkZeroDivision(op, options.zeroDivision ?? 0);
  checkAverage(op, options.average === undefined ? 'binary' : options.average);
  if (options.labels) checkLabelList(op, options.labels);
}

/** The labels scored under `options`, following scikit-learn's rules for 'binary'. */
function scoredLabels(op: string, counts: ConfusionCounts, options: PrfOptions): number[] {
  const present = counts.presentLabels();
  const average = options.average === undefined ? 'binary' : options.average;
  if (average === 'binary') {
    const pos = options.posLabel ?? 1;
    if (present.length > 2)
      throw new MlpkitError(op, `average: 'binary' needs at most 2 classes, got ${present.length} ([${present.join(', ')}]); choose 'micro', 'macro', 'weighted' or null`);
    if (present.length === 2 && !present.includes(pos))
      throw new MlpkitError(op, `posLabel: expected one of the classes [${present.join(', ')}], got ${pos}`);
    return [pos];
  }
  checkAverage(op, average);
  if (options.labels) {
    checkLabelList(op, options.labels);
    return [...options.labels];
  }
  return options.numClasses !== undefined ? range(options.numClasses) : present;
}

const divide = (num: number[], den: number[], zero: number): number[] => num.map((n, i) => (den[i] === 0 ? zero : n / den[i]));
const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);
const weightedMean = (a: number[], w: number[]): number => sum(a.map((v, i) => v * w[i])) / sum(w);

/** Precision, recall, F-beta and support from confusion counts (scikit-learn 1.2 semantics). */
export function prfFromCounts(op: string, counts: ConfusionCounts, options: PrfOptions = {}, beta = 1): PrfResult {
  const zero = checkZeroDivision(op, options.zeroDivision ?? 0);
  const average = options.average === undefined ? 'binary' : options.average;
  const labels = scoredLabels(op, counts, options);
  let tp = labels.map((l) => counts.cell(l, l));
  let predSum = labels.map((l) => counts.predicted(l));
  let trueSum = labels.map((l) => counts.support(l));
  if (average === 'micro') [tp, predSum, trueSum] = [[sum(tp)], [sum(predSum)], [sum(trueSum)]];

  const precision = divide(tp, predSum, zero);
  const recall = divide(tp, trueSum, zero);
  const beta2 = beta * beta;
  const fScore = precision.map((p, i) => {
    if (beta === Infinity) return recall[i];
    const denom = beta2 * p + recall[i];
    return ((1 + beta2) * p * recall[i]) / (denom === 0 ? 1 : denom);
  });

  if (average === null) return { precision, recall, fScore, support: trueSum };
  if (average === 'weighted') {
    if (sum(trueSum) === 0) {
      // No true sample of any scored label: scikit-learn's special case.
      const allNegative = sum(predSum) === 0;
      return { precision: allNegative ? zero : 0, recall: zero, fScore: allNegative ? zero : 0, support: null };
    }
    return { precision: weightedMean(precision, trueSum), recall: weightedMean(recall, trueSum), fScore: weightedMean(fScore, trueSum), support: null };
  }
  const mean = (a: number[]): number => sum(a) / a.length;
  return { precision: mean(precision), recall: mean(recall), fScore: mean(fScore), support: null };
}

/**
 * Precision, recall, F-beta score and support in one pass (scikit-learn's
 * `precision_recall_fscore_support`; `beta` weighs recall beta times as much as precision).
 */
export function precisionRecallFscoreSupport(yTrue: Vector, yPred: Predictions, options: PrfOptions & { beta?: number } = {}): PrfResult {
  const op = 'precisionRecallFscoreSupport';
  checkOptions(op, options, [...PRF_OPTIONS, 'beta']);
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new MlpkitError(op, `beta: expected a non-negative number, got ${beta}`);
  return prfFromCounts(op, countsOf(op, yTrue, yPred, options.numClasses), options, beta);
}
