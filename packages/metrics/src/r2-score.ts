import { checkOptions } from '@mlpkit/tensor';
import { type Matrix, checkNonEmpty } from './inputs.js';
import type { StreamingMetric } from './metric.js';
import { type Multioutput, type PerOutput, type RegressionBatch, checkMultioutput, combineOutputs, readRegressionBatch, readRegressionDataset } from './regression-inputs.js';

/** Options of {@link r2Score}. */
export interface R2ScoreOptions {
  /** Combining the outputs of [N, D] targets: also `'variance_weighted'`, weighting each output by the variance of its targets. */
  multioutput?: Multioutput | 'variance_weighted';
}

/** Per-output running statistics: count, mean and sum of squared deviations of yTrue, and the residual sum of squares. */
const R2_OPTIONS = ['multioutput'] as const satisfies readonly (keyof R2ScoreOptions)[];

interface Moments {
  n: number;
  mean: Float64Array;
  m2: Float64Array;
  ssRes: Float64Array;
}

/** One batch's moments: two passes (mean, then squared deviations), like scikit-learn's one-shot formula. */
function batchMoments({ yTrue, yPred, outputs: d }: RegressionBatch): Moments {
  const n = yTrue.rows;
  const mean = new Float64Array(d), m2 = new Float64Array(d), ssRes = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += yTrue.data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      m2[j] += (yTrue.data[i * d + j] - mean[j]) ** 2;
      ssRes[j] += (yTrue.data[i * d + j] - yPred.data[i * d + j]) ** 2;
    }
  }
  return { n, mean, m2, ssRes };
}

/** Merges two sets of moments (Chan et al.'s pairwise update), stable where Σy² - (Σy)²/n is not. */
function merge(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const mean = a.mean.map((m, j) => m + ((b.mean[j] - m) * b.n) / n);
  const m2 = a.m2.map((m, j) => m + b.m2[j] + ((b.mean[j] - a.mean[j]) ** 2 * a.n * b.n) / n);
  return { n, mean, m2, ssRes: a.ssRes.map((s, j) => s + b.ssRes[j]) };
}

function r2FromMoments(op: string, m: Moments, multioutput: R2ScoreOptions['multioutput']): number | number[] {
  // Fewer than two samples leave R² undefined: NaN, as scikit-learn returns.
  if (m.n < 2) return Number.NaN;
  // A constant target has no variance to explain: 1 if predicted exactly, else 0 (scikit-learn's force_finite).
  const scores = Array.from(m.m2, (ssTot, j) => (ssTot !== 0 ? 1 - m.ssRes[j] / ssTot : m.ssRes[j] === 0 ? 1 : 0));
  if (multioutput === 'variance_weighted') {
    const weights = Array.from(m.m2);
    return combineOutputs(op, scores, weights.some((w) => w !== 0) ? weights : undefined);
  }
  return combineOutputs(op, scores, multioutput);
}

/** Streaming {@link r2Score}: keeps per-output count, mean and squared deviations (merged stably), `update(preds, targets)`. */
export class R2Score<O extends R2ScoreOptions = R2ScoreOptions> implements StreamingMetric<PerOutput<O>, Matrix, Matrix> {
  private readonly multioutput: R2ScoreOptions['multioutput'];
  private moments: Moments | null = null;

  constructor(options?: O) {
    checkOptions('R2Score', options, R2_OPTIONS);
    checkMultioutput('R2Score', options?.multioutput, ['variance_weighted']);
    this.multioutput = options?.multioutput;
  }

  /** Adds a batch of predictions and targets, [N] or [N, D]. */
  update(preds: Matrix, targets: Matrix): void {
    this.add(readRegressionBatch('R2Score.update', targets, preds, ['targets', 'preds'], this.moments?.mean.length));
  }

  /** @internal Adds a checked batch. */
  add(batch: RegressionBatch): void {
    if (batch.yTrue.rows === 0) return;
    const m = batchMoments(batch);
    this.moments = this.moments ? merge(this.moments, m) : m;
  }

  /** R² over every sample since the last reset. */
  compute(): PerOutput<O> {
    const op = 'R2Score.compute';
    checkNonEmpty(op, 'targets', this.moments?.n ?? 0);
    return r2FromMoments(op, this.moments as Moments, this.multioutput) as PerOutput<O>;
  }

  /** Forgets every batch. */
  reset(): void {
    this.moments = null;
  }
}

/**
 * The coefficient of determination 1 - SS_res / SS_tot (scikit-learn's `r2_score`): 1 for
 * perfect predictions, 0 for always predicting the mean, negative when worse.
 *
 * @example r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.9486…
 */
export function r2Score<O extends R2ScoreOptions = R2ScoreOptions>(yTrue: Matrix, yPred: Matrix, options?: O): PerOutput<O> {
  const op = 'r2Score';
  checkOptions(op, options, R2_OPTIONS);
  checkMultioutput(op, options?.multioutput, ['variance_weighted']);
  const metric = new R2Score(options);
  metric.add(readRegressionDataset(op, yTrue, yPred));
  return metric.compute() as PerOutput<O>;
}
