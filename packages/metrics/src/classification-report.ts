import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { ConfusionCounts } from './confusion-counts.js';
import { CLASS_OPTIONS, type ClassOptions, countsOf } from './confusion-metric.js';
import { formatFixed } from './format-fixed.js';
import { type Predictions, type Vector, checkLabelList, range } from './inputs.js';
import { type PrfResult, prfFromCounts } from './precision-recall-fscore.js';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions extends ClassOptions {
  /** The classes to report, in order (default: every class seen, or 0..numClasses-1). */
  labels?: readonly number[];
  /** A display name per reported class (default: the label itself). */
  targetNames?: readonly string[];
  /** Decimals of the scores (default 2). */
  digits?: number;
  /** The value of a 0/0 precision or recall (default 0). */
  zeroDivision?: 0 | 1;
}

const REPORT_OPTIONS = [...CLASS_OPTIONS, 'labels', 'targetNames', 'digits', 'zeroDivision'] as const satisfies readonly (keyof ClassificationReportOptions)[];

const pad = (s: string, width: number): string => s.padStart(width);

/** The report's text from confusion counts (see {@link classificationReport}). */
export function reportFromCounts(op: string, counts: ConfusionCounts, options: ClassificationReportOptions = {}): string {
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new MlpkitError(op, `digits: expected an integer from 0 to 20, got ${digits}`);
  if (options.labels) checkLabelList(op, options.labels);
  const present = counts.presentLabels();
  const labels = options.labels ? [...options.labels] : options.numClasses !== undefined ? range(options.numClasses) : present;
  const names = options.targetNames ? [...options.targetNames] : labels.map(String);
  if (names.length !== labels.length)
    throw new MlpkitError(op, `targetNames: expected ${labels.length} names (one per class [${labels.join(', ')}]), got ${names.length}`);
  const prf = (average: 'micro' | 'macro' | 'weighted' | null): PrfResult =>
    prfFromCounts(op, counts, { labels, average, zeroDivision: options.zeroDivision ?? 0 });

  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const num = (v: number): string => ` ${pad(formatFixed(v, digits), 9)}`;
  const row = (name: string, p: number, r: number, f: number, s: number): string =>
    `${pad(name, width)} ${num(p)}${num(r)}${num(f)} ${pad(String(s), 9)}\n`;

  let report = `${pad('', width)} ${['precision', 'recall', 'f1-score', 'support'].map((h) => ` ${pad(h, 9)}`).join('')}\n\n`;
  const perClass = prf(null);
  const support = perClass.support as number[];
  names.forEach((name, i) => {
    report += row(name, (perClass.precision as number[])[i], (perClass.recall as number[])[i], (perClass.fScore as number[])[i], support[i]);
  });
  report += '\n';
  const total = support.reduce((a, b) => a + b, 0);
  // Micro-averaged F1 is plain accuracy when every class seen is reported.
  const microIsAccuracy = present.every((l) => labels.includes(l));
  for (const average of ['micro', 'macro', 'weighted'] as const) {
    const avg = prf(average);
    if (average === 'micro' && microIsAccuracy)
      report += `${pad('accuracy', width)} ${' '.repeat(20)}${num(avg.fScore as number)} ${pad(String(total), 9)}\n`;
    else report += row(`${average} avg`, avg.precision as number, avg.recall as number, avg.fScore as number, total);
  }
  return report;
}

/**
 * A text report of per-class precision, recall, F1 and support, then accuracy and the macro
 * and weighted averages, laid out as scikit-learn's `classification_report` prints it.
 *
 * @example
 * console.log(classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['class 0', 'class 1', 'class 2'] }));
 */
export function classificationReport(yTrue: Vector, yPred: Predictions, options: ClassificationReportOptions = {}): string {
  const op = 'classificationReport';
  checkOptions(op, options, REPORT_OPTIONS);
  return reportFromCounts(op, countsOf(op, yTrue, yPred, options.numClasses), options);
}
