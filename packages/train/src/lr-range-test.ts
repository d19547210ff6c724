import { MlpkitError, type Tensor, checkRequiredOptions } from '@mlpkit/tensor';
import { checkMakeOptimizer } from './required-options.js';
import { type LossInput, asLossFn } from './evaluate.js';
import { restoreState, snapshotState } from './snapshot.js';
import type { LoaderLike, OptimizerLike, TrainableModel } from './types.js';

/** Options of {@link lrRangeTest}. */
export interface LrRangeTestOptions {
  loss: LossInput;
  /** Builds a fresh optimizer; its learning rate is overwritten at every step. */
  makeOptimizer: (params: Tensor[]) => OptimizerLike;
  /** First learning rate (default 1e-7). */
  startLr?: number;
  /** Last learning rate (default 10). */
  endLr?: number;
  /** Steps from startLr to endLr, growing geometrically (default 100); the loader is cycled if shorter. */
  numIter?: number;
  /** Weight of the newest loss in the exponential smoothing (default 0.05). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this × its best (default 4). */
  divergeFactor?: number;
}

const LR_RANGE_TEST_OPTIONS = [
  'loss', 'makeOptimizer', 'startLr', 'endLr', 'numIter', 'smoothing', 'divergeFactor',
] as const satisfies readonly (keyof LrRangeTestOptions)[];

/** What {@link lrRangeTest} measured. */
export interface LrRangeTestResult {
  /** Learning rate of each step taken. */
  lrs: number[];
  /** Smoothed (bias-corrected) loss after each step. */
  losses: number[];
  /** Raw batch losses. */
  rawLosses: number[];
  /** The learning rate where the smoothed loss fell fastest (steepest negative slope in log lr). */
  suggestedLr: number;
  /** The learning rate of the lowest smoothed loss. */
  minLossLr: number;
  /**
   * The first learning rate whose smoothed loss is 5 % below its early level (the median over
   * the sweep's first fifth), past the first tenth of the sweep: below it the rate is too low to
   * move the loss. NaN if the loss never gets there.
   */
  lossMovesLr: number;
  /** Whether the test stopped because the loss exploded. */
  diverged: boolean;
}

function* cycle(loader: LoaderLike): Generator<{ x: Tensor; y: Tensor }> {
  for (;;) {
    let any = false;
    for (const b of loader) {
      any = true;
      yield b;
    }
    if (!any) throw new MlpkitError('lrRangeTest', 'the loader yielded no batches');
  }
}

/**
 * The learning-rate range test: train for `numIter` steps while the learning rate grows
 * geometrically from `startLr` to `endLr`, recording the smoothed loss, and stop when it
 * explodes. Too low a rate barely moves the loss, too high a rate explodes it (the slides'
 * "loss barely changing" and "loss exploding"); the useful range lies between. The model's
 * weights are restored afterwards.
 *
 * @example
 * const { suggestedLr } = lrRangeTest(model, train, { loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 1 }) });
 */
export function lrRangeTest(model: TrainableModel, loader: LoaderLike, options: LrRangeTestOptions): LrRangeTestResult {
  const op = 'lrRangeTest';
  checkRequiredOptions(op, options, LR_RANGE_TEST_OPTIONS, 'loss and makeOptimizer');
  const { startLr = 1e-7, endLr = 10, numIter = 100, smoothing = 0.05, divergeFactor = 4 } = options;
  if (!(startLr > 0 && endLr > startLr)) throw new MlpkitError(op, `expected 0 < startLr < endLr, got startLr ${startLr}, endLr ${endLr}`);
  if (!Number.isInteger(numIter) || numIter < 2) throw new MlpkitError(op, `numIter must be an integer >= 2, got ${numIter}`);
  if (!(smoothing > 0 && smoothing <= 1)) throw new MlpkitError(op, `smoothing must be in (0, 1], got ${smoothing}`);
  const lossFn = asLossFn(op, options.loss);
  checkMakeOptimizer(op, options.makeOptimizer);
  const saved = snapshotState(model);
  const optimizer = options.makeOptimizer(model.parameters());
  const factor = (endLr / startLr) ** (1 / (numIter - 1));
  const result: LrRangeTestResult = { lrs: [], losses: [], rawLosses: [], suggestedLr: Number.NaN, minLossLr: Number.NaN, lossMovesLr: Number.NaN, diverged: false };
  let avg = 0;
  let best = Infinity;
  const batches = cycle(loader);
  model.train();
  try {
    for (let i = 0; i < numIter; i++) {
      const lr = startLr * factor ** i;
      for (const g of optimizer.paramGroups) g.lr = lr;
      const { x, y } = batches.next().value as { x: Tensor; y: Tensor };
      optimizer.zeroGrad();
      const loss = lossFn(model.forward(x), y);
      const raw = loss.item();
      avg = (1 - smoothing) * avg + smoothing * raw;
      const smoothed = avg / (1 - (1 - smoothing) ** (i + 1));
      result.lrs.push(lr);
      result.rawLosses.push(raw);
      result.losses.push(smoothed);
      if (!Number.isFinite(smoothed) || smoothed > divergeFactor * best) {
        result.diverged = true;
        break;
      }
      if (smoothed < best) {
        best = smoothed;
        result.minLossLr = lr;
      }
      loss.backward();
      optimizer.step();
    }
  } finally {
    restoreState(model, saved);
  }
  result.suggestedLr = steepestDescent(result.lrs, result.losses);
  result.lossMovesLr = firstMove(result.lrs, result.losses);
  return result;
}

/**
 * The lr where the smoothed loss first falls 5 % below its early level. The level is a median
 * over the first fifth of the sweep, and as in {@link steepestDescent} the first tenth of the
 * points is not searched: a lucky first batch there would say the loss moved at the start.
 */
function firstMove(lrs: number[], losses: number[]): number {
  const head = losses.slice(0, Math.max(1, Math.floor(losses.length / 5))).sort((a, b) => a - b);
  const level = head[Math.floor(head.length / 2)];
  for (let i = Math.max(1, Math.floor(losses.length / 10)); i < losses.length; i++) if (losses[i] < 0.95 * level) return lrs[i];
  return Number.NaN;
}

/**
 * The lr whose smoothed loss drops fastest per unit of log lr, up to the minimum of the curve.
 * The first tenth of the points is skipped: the smoothed loss still follows single noisy
 * batches there.
 */
function steepestDescent(lrs: number[], losses: number[]): number {
  let end = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[end]) end = i;
  let best = Number.NaN;
  let slope = 0;
  for (let i = Math.max(1, Math.floor(losses.length / 10)); i <= end; i++) {
    const s = (losses[i] - losses[i - 1]) / Math.log(lrs[i] / lrs[i - 1]);
    if (s < slope) {
      slope = s;
      best = lrs[i];
    }
  }
  return Number.isNaN(best) ? lrs[end] : best;
}
