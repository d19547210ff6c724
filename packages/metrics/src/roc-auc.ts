import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { binaryAuc } from './binary-auc.js';
import { type Matrix, type Table, type Vector, checkNonEmpty, range } from './inputs.js';
import type { StreamingMetric } from './metric.js';
import type { PerClass } from './precision-recall-fscore.js';
import { type ScoreBatch, readScoreBatch, readScoreDataset } from './score-columns.js';

/** Options of {@link rocAucScore} (scikit-learn's `multi_class`, `average`, `labels`). */
export interface RocAucOptions {
  /** For scores with three or more columns: `'ovr'` (one-vs-rest); `'raise'` (default) refuses them, as scikit-learn does. */
  multiClass?: 'raise' | 'ovr';
  /** One-vs-rest averaging: `'macro'` (default), `'weighted'` by support, `'micro'` over all pooled decisions, or null for per-class AUCs. */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /** The class of each score column, increasing (default 0..C-1). */
  labels?: readonly number[];
}

const AVERAGES = ['macro', 'weighted', 'micro', null];
const ROC_AUC_OPTIONS = ['multiClass', 'average', 'labels'] as const satisfies readonly (keyof RocAucOptions)[];

function checkRocAucOptions(op: string, options: RocAucOptions): void {
  checkOptions(op, options, ROC_AUC_OPTIONS);
  if (options.multiClass !== undefined && options.multiClass !== 'raise' && options.multiClass !== 'ovr')
    throw new MlpkitError(op, `multiClass: expected 'raise' or 'ovr', got ${JSON.stringify(options.multiClass)}`);
  if (options.average !== undefined && !AVERAGES.includes(options.average))
    throw new MlpkitError(op, `average: expected 'macro', 'weighted', 'micro' or null, got ${JSON.stringify(options.average)}`);
}

function binary(op: string, batch: ScoreBatch, labels: readonly number[], names: [string, string]): number {
  const { columns, scores } = batch;
  // Two score columns are the two classes' probabilities: the second one ranks the positives.
  const positive = scores.cols === 2 ? scores.data.filter((_, i) => i % 2 === 1) : scores.data;
  const auc = binaryAuc(positive, columns);
  if (Number.isNaN(auc))
    throw new MlpkitError(op, `${names[0]}: expected both classes [${labels.join(', ')}], got only class ${labels[columns[0]]}; ROC AUC is not defined`);
  return auc;
}

function checkProbabilities(op: string, name: string, scores: Table): void {
  const c = scores.cols as number;
  for (let i = 0; i < scores.rows; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += scores.data[i * c + j];
    // numpy.allclose(1, s): one-vs-rest AUC is only defined for probabilities.
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s)))
      throw new MlpkitError(op, `${name}: expected probabilities whose rows sum to 1 for one-vs-rest ROC AUC, row ${i} sums to ${s}`);
  }
}

function oneVsRest(op: string, batch: ScoreBatch, labels: readonly number[], average: RocAucOptions['average']): number | number[] {
  const { columns, scores } = batch;
  const c = scores.cols as number;
  const isClass = (j: number) => Uint8Array.from(columns, (t) => Number(t === j));
  const column = (j: number) => Float64Array.from({ length: scores.rows }, (_, i) => scores.data[i * c + j]);
  if (average === 'micro') return binaryAuc(scores.data, Uint8Array.from(scores.data, (_, k) => Number(columns[Math.floor(k / c)] === k % c)));
  const aucs = range(c).map((j) => {
    const auc = binaryAuc(column(j), isClass(j));
    if (Number.isNaN(auc))
      throw new MlpkitError(op, `yTrue: class ${labels[j]} is ${isClass(j).includes(1) ? 'the only class present' : 'absent'}; its one-vs-rest ROC AUC is not defined`);
    return auc;
  });
  if (average === null) return aucs;
  if (average === 'weighted') {
    const support = range(c).map((j) => isClass(j).reduce((a, b) => a + b, 0));
    return aucs.reduce((s, a, j) => s + a * support[j], 0) / columns.length;
  }
  return aucs.reduce((a, b) => a + b, 0) / c;
}

/** ROC AUC of one checked dataset. */
function aucOf(op: string, batch: ScoreBatch, options: RocAucOptions, names: [string, string]): number | number[] {
  const cols = batch.scores.cols;
  const labels = options.labels ?? range(cols === null || cols < 3 ? 2 : cols);
  if (cols === null || cols <= 2) return binary(op, batch, labels, names);
  if (options.multiClass !== 'ovr')
    throw new MlpkitError(op, `multiClass: expected 'ovr' for ${names[1]} with ${cols} classes, got ${JSON.stringify(options.multiClass ?? 'raise')}`);
  checkProbabilities(op, names[1], batch.scores);
  return oneVsRest(op, batch, labels, options.average === undefined ? 'macro' : options.average);
}

/**
 * Area under the ROC curve (scikit-learn's `roc_auc_score`): the probability that a random
 * positive scores above a random negative, ties counting 1/2. `yScore` [N] (or [N, 2]) is a
 * binary problem; [N, C] with `multiClass: 'ovr'` averages the one-vs-rest AUCs of the
 * classes (`average`, default macro; null returns one AUC per class).
 *
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore<O extends RocAucOptions = RocAucOptions>(yTrue: Vector, yScore: Matrix, options?: O): PerClass<O> {
  const op = 'rocAucScore';
  checkRocAucOptions(op, options ?? {});
  const batch = readScoreDataset(op, yTrue, yScore, options?.labels, 'yScore');
  return aucOf(op, batch, options ?? {}, ['yTrue', 'yScore']) as PerClass<O>;
}

/** Streaming {@link rocAucScore}: keeps every score (AUC needs the global ranking), `update(scores, targets)`. */
export class RocAuc<O extends RocAucOptions = RocAucOptions> implements StreamingMetric<PerClass<O>, Matrix, Vector> {
  private readonly options: RocAucOptions;
  private batches: ScoreBatch[] = [];

  constructor(options?: O) {
    checkRocAucOptions('RocAuc', options ?? {});
    this.options = { ...options };
  }

  /** Adds a batch: `scores` [N] or [N, C], `targets` class indices [N]. */
  update(scores: Matrix, targets: Vector): void {
    const cols = this.batches.length ? (this.batches[0].scores.cols ?? 1) : undefined;
    this.batches.push(readScoreBatch('RocAuc.update', targets, scores, this.options.labels, ['targets', 'scores'], cols));
  }

  /** The AUC over every sample since the last reset. */
  compute(): PerClass<O> {
    const rows = this.batches.reduce((n, b) => n + b.scores.rows, 0);
    checkNonEmpty('RocAuc.compute', 'targets', rows);
    const first = this.batches[0].scores;
    const data = new Float64Array(first.cols === null ? rows : rows * first.cols);
    const columns = new Int32Array(rows);
    let at = 0;
    for (const b of this.batches) {
      data.set(b.scores.data, at * (first.cols ?? 1));
      columns.set(b.columns, at);
      at += b.scores.rows;
    }
    const batch = { columns, scores: { data, rows, cols: first.cols } };
    return aucOf('RocAuc.compute', batch, this.options, ['targets', 'scores']) as PerClass<O>;
  }

  /** Forgets every batch. */
  reset(): void {
    this.batches = [];
  }
}
