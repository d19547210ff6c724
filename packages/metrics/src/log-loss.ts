import { MlpkitError, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { type Matrix, type Vector, checkNonEmpty } from './inputs.js';
import type { StreamingMetric } from './metric.js';
import { type ScoreBatch, readScoreBatch, readScoreDataset } from './score-columns.js';

/** Options of {@link logLoss} (scikit-learn 1.2's `eps`, `normalize`, `labels`). */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps] so that a confident mistake costs
   * -log(eps) rather than infinity. `'auto'` (default) is float64's machine epsilon,
   * 2.220446049250313e-16: inputs are read as float64, whatever their dtype.
   */
  eps?: 'auto' | number;
  /** true (default): the mean loss per sample; false: the sum. */
  normalize?: boolean;
  /** The class of each probability column, increasing (default 0..C-1; [0, 1] for 1-D). */
  labels?: readonly number[];
}

const LOG_LOSS_OPTIONS = ['eps', 'normalize', 'labels'] as const satisfies readonly (keyof LogLossOptions)[];

function checkEps(op: string, eps: unknown): number {
  if (eps === 'auto' || eps === undefined) return Number.EPSILON;
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) throw new MlpkitError(op, `eps: expected 'auto' or a number in (0, 0.5), got ${JSON.stringify(eps)}`);
  return eps;
}

const clip = (p: number, eps: number): number => Math.min(Math.max(p, eps), 1 - eps);

/**
 * Refuses a value outside [0, 1]. scikit-learn clips it silently, so [2, -1] scores as if it
 * were [1, 0]: logits or unnormalised scores passed by mistake would give a plausible loss.
 */
function checkProbabilities(op: string, name: string, batch: ScoreBatch): ScoreBatch {
  const bad = batch.scores.data.findIndex((p) => !(p >= 0 && p <= 1));
  if (bad >= 0) throw new MlpkitError(op, `${name}: expected probabilities in [0, 1], got ${batch.scores.data[bad]} at index ${bad}`);
  return batch;
}

/**
 * `total` plus Σ -log p[true] over a batch, after clipping and renormalising each row as
 * scikit-learn 1.2 does. Samples are added one by one onto the running total, so batches
 * sum in the same order as one pass over the whole dataset.
 */
function addBatchLoss(total: number, batch: ScoreBatch, eps: number): number {
  const { columns, scores } = batch;
  for (let i = 0; i < scores.rows; i++) {
    if (scores.cols === null || scores.cols === 1) {
      // A single column is P(positive): the row is [1 - p, p], clipped before the complement.
      const p = clip(scores.data[i], eps);
      const q = 1 - p;
      total -= Math.log((columns[i] === 1 ? p : q) / (q + p));
      continue;
    }
    const c = scores.cols;
    let rowSum = 0;
    for (let j = 0; j < c; j++) rowSum += clip(scores.data[i * c + j], eps);
    total -= Math.log(clip(scores.data[i * c + columns[i]], eps) / rowSum);
  }
  return total;
}

/** Streaming {@link logLoss}: a running sum of per-sample losses, `update(probabilities, targets)`. */
export class LogLoss implements StreamingMetric<number, Matrix, Vector> {
  private readonly eps: number;
  private readonly normalize: boolean;
  private readonly labels: readonly number[] | undefined;
  private cols: number | undefined;
  private total = 0;
  private count = 0;

  constructor(options: LogLossOptions = {}) {
    checkOptions('LogLoss', options, LOG_LOSS_OPTIONS);
    if (options?.normalize !== undefined) checkBoolean('LogLoss', 'normalize', options.normalize);
    this.eps = checkEps('LogLoss', options.eps);
    this.normalize = options.normalize ?? true;
    this.labels = options.labels;
  }

  /** Adds a batch: `probabilities` [N, C] (rows are renormalised) or [N] for P(class 1), `targets` class indices [N]. */
  update(probabilities: Matrix, targets: Vector): void {
    const op = 'LogLoss.update';
    this.add(checkProbabilities(op, 'probabilities', readScoreBatch(op, targets, probabilities, this.labels, ['targets', 'probabilities'], this.cols)));
  }

  /** @internal Adds a checked batch. */
  add(batch: ScoreBatch): void {
    this.cols = batch.scores.cols ?? 1;
    this.total = addBatchLoss(this.total, batch, this.eps);
    this.count += batch.scores.rows;
  }

  /** The log loss over every sample since the last reset. */
  compute(): number {
    checkNonEmpty('LogLoss.compute', 'targets', this.count);
    return this.normalize ? this.total / this.count : this.total;
  }

  /** Forgets every batch. */
  reset(): void {
    this.cols = undefined;
    this.total = this.count = 0;
  }
}

/**
 * Cross-entropy of predicted probabilities, the mean of -log p[true class] (scikit-learn
 * 1.2's `log_loss`). `yProb` is [N, C] probabilities (column j for class `labels[j]`,
 * default j), or [N] holding P(class 1) of a binary problem. Every value must lie in [0, 1]:
 * unlike scikit-learn, which clips, mlpkit refuses logits and other scores.
 *
 * @example logLoss([0, 1], [[0.8, 0.2], [0.3, 0.7]]) // (-log 0.8 - log 0.7) / 2 ≈ 0.2899
 */
export function logLoss(yTrue: Vector, yProb: Matrix, options: LogLossOptions = {}): number {
  const op = 'logLoss';
  checkOptions(op, options, LOG_LOSS_OPTIONS);
  if (options?.normalize !== undefined) checkBoolean(op, 'normalize', options.normalize);
  checkEps(op, options.eps);
  const metric = new LogLoss(options);
  metric.add(checkProbabilities(op, 'yProb', readScoreDataset(op, yTrue, yProb, options.labels, 'yProb')));
  return metric.compute();
}
