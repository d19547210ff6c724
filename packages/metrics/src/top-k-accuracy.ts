import { MlpkitError, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { type Matrix, type Vector, checkNonEmpty } from './inputs.js';
import type { StreamingMetric } from './metric.js';
import { type ScoreBatch, readScoreBatch, readScoreDataset } from './score-columns.js';

/** Options of {@link topKAccuracyScore}. */
export interface TopKAccuracyOptions {
  /** How many of the highest scores may contain the true class (default 2, as in scikit-learn). */
  k?: number;
  /** true (default): the fraction of hits; false: their count. */
  normalize?: boolean;
  /** The class of each score column, increasing (default 0..C-1). */
  labels?: readonly number[];
}

const TOP_K_OPTIONS = ['k', 'normalize', 'labels'] as const satisfies readonly (keyof TopKAccuracyOptions)[];

function checkK(op: string, k: unknown): number {
  if (!Number.isInteger(k) || (k as number) < 1) throw new MlpkitError(op, `k: expected a positive integer, got ${String(k)}`);
  return k as number;
}

/** Whether column `t` is among the k best of its row; ties rank the higher column first, as scikit-learn's stable argsort does. */
function inTopK(row: Float64Array, t: number, k: number): boolean {
  let above = 0;
  for (let j = 0; j < row.length; j++) if (row[j] > row[t] || (row[j] === row[t] && j > t)) above++;
  return above < k;
}

/**
 * Streaming {@link topKAccuracyScore}: `update(scores, targets)` per batch. Binary 1-D scores
 * with k = 1 threshold at 0.5 when every score lies in [0, 1] and at 0 otherwise; hits for
 * both thresholds are counted so the choice can be made over the whole dataset.
 */
export class TopKAccuracy implements StreamingMetric<number, Matrix, Vector> {
  private readonly k: number;
  private readonly normalize: boolean;
  private readonly labels: readonly number[] | undefined;
  private cols: number | undefined;
  private total = 0;
  private hits = 0;
  private hitsAtHalf = 0;
  private hitsAtZero = 0;
  private inUnitRange = true;

  constructor(options: TopKAccuracyOptions = {}) {
    checkOptions('TopKAccuracy', options, TOP_K_OPTIONS);
    if (options?.normalize !== undefined) checkBoolean('TopKAccuracy', 'normalize', options.normalize);
    this.k = checkK('TopKAccuracy', options.k ?? 2);
    this.normalize = options.normalize ?? true;
    this.labels = options.labels;
  }

  /** Adds a batch: `scores` [N, C] (or [N] for the positive class of two), `targets` class indices [N]. */
  update(scores: Matrix, targets: Vector): void {
    this.add(readScoreBatch('TopKAccuracy.update', targets, scores, this.labels, ['targets', 'scores'], this.cols));
  }

  /** @internal Adds a checked batch. */
  add(batch: ScoreBatch): void {
    const { columns, scores } = batch;
    this.cols = scores.cols ?? 1;
    for (let i = 0; i < scores.rows; i++) {
      if (scores.cols === null || scores.cols === 1) {
        const s = scores.data[i];
        if (s < 0 || s > 1) this.inUnitRange = false;
        if (Number(s > 0.5) === columns[i]) this.hitsAtHalf++;
        if (Number(s > 0) === columns[i]) this.hitsAtZero++;
        if (this.k >= 2) this.hits++;
      } else if (inTopK(scores.data.subarray(i * scores.cols, (i + 1) * scores.cols), columns[i], this.k)) this.hits++;
    }
    this.total += scores.rows;
  }

  /** The top-k accuracy over every sample since the last reset. */
  compute(): number {
    checkNonEmpty('TopKAccuracy.compute', 'targets', this.total);
    const binaryTop1 = this.cols === 1 && this.k === 1;
    const hits = binaryTop1 ? (this.inUnitRange ? this.hitsAtHalf : this.hitsAtZero) : this.hits;
    return this.normalize ? hits / this.total : hits;
  }

  /** Forgets every batch. */
  reset(): void {
    this.cols = undefined;
    this.total = this.hits = this.hitsAtHalf = this.hitsAtZero = 0;
    this.inUnitRange = true;
  }
}

/**
 * The fraction of samples whose true class is among the `k` highest scores (scikit-learn's
 * `top_k_accuracy_score`). `yScore` is [N, C] (column j scores class `labels[j]`, default j),
 * or [N] for the positive class of a binary problem.
 *
 * @example topKAccuracyScore([2, 1], [[0.1, 0.3, 0.6], [0.2, 0.5, 0.3]], { k: 1 }) // 1
 */
export function topKAccuracyScore(yTrue: Vector, yScore: Matrix, options: TopKAccuracyOptions = {}): number {
  const op = 'topKAccuracyScore';
  checkOptions(op, options, TOP_K_OPTIONS);
  if (options?.normalize !== undefined) checkBoolean(op, 'normalize', options.normalize);
  checkK(op, options.k ?? 2);
  const metric = new TopKAccuracy(options);
  metric.add(readScoreDataset(op, yTrue, yScore, options.labels, 'yScore'));
  return metric.compute();
}
