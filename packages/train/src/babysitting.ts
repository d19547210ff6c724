import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, checkRequiredOptions } from '@mlpkit/tensor';
import { checkFlag } from './check-flag.js';
import { checkMakeOptimizer } from './required-options.js';
import { type LossInput, asLossFn } from './evaluate.js';
import { restoreState, snapshotState } from './snapshot.js';
import type { ProgressListener } from './progress.js';
import type { BatchLike, OptimizerLike, TrainableModel } from './types.js';

/** The result of {@link checkInitialLoss}. */
export interface InitialLossCheck {
  /** The loss of the untrained model on the batch. */
  loss: number;
  /** ln C: the cross-entropy of a uniform guess over C classes. */
  expected: number;
  /** Whether |loss − ln C| ≤ tolerance · ln C. */
  ok: boolean;
  /** A sentence saying what the numbers mean. */
  message: string;
}

/**
 * The slides' first babysitting check: before training, with regularization off, the
 * cross-entropy of a freshly initialized classifier should be about ln C (2.30 for 10
 * classes), because small random weights give nearly uniform class probabilities. A loss far
 * above means the initial weights are too large (confident wrong guesses) or the labels or
 * loss are wired wrong.
 *
 * @example
 * const check = checkInitialLoss(model, { x, y }, crossEntropy, { numClasses: 10 });
 * console.log(check.message); // initial loss 2.3113, expected ln(10) = 2.3026: ok
 */
export function checkInitialLoss(
  model: TrainableModel, batch: BatchLike, loss: LossInput, options: { numClasses: number; tolerance?: number },
): InitialLossCheck {
  checkRequiredOptions('checkInitialLoss', options, ['numClasses', 'tolerance'], 'numClasses');
  const { numClasses, tolerance = 0.2 } = options;
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new MlpkitError('checkInitialLoss', `numClasses must be an integer >= 2, got ${numClasses}`);
  if (!(tolerance > 0)) throw new MlpkitError('checkInitialLoss', `tolerance must be > 0, got ${tolerance}`);
  const lossFn = asLossFn('checkInitialLoss', loss);
  model.eval();
  const value = noGrad(() => lossFn(model.forward(batch.x), batch.y).item());
  const expected = Math.log(numClasses);
  const ok = Math.abs(value - expected) <= tolerance * expected;
  const verdict = ok ? 'ok'
    : value > expected ? 'too high: the initial logits are large (big initial weights in the last layer), or the targets and the loss do not match'
      : 'too low: check that the loss and the targets match (labels leaking into inputs?)';
  return { loss: value, expected, ok, message: `initial loss ${value.toFixed(4)}, expected ln(${numClasses}) = ${expected.toFixed(4)}: ${verdict}` };
}

/** Options of {@link overfitSmallSubset}. */
export interface OverfitOptions {
  loss: LossInput;
  /** Builds a fresh optimizer for the model's parameters (plain SGD, no regularization, per the slides). */
  makeOptimizer: (params: Tensor[]) => OptimizerLike;
  /** Full-batch steps on the subset (default 200). */
  steps?: number;
  /** Training accuracy that counts as "overfit" (default 1). */
  targetAccuracy?: number;
  /** Put the weights back afterwards (default true), so the real run starts fresh. */
  restore?: boolean;
  /** Called after each step with the steps done and `steps` (label `overfitSmallSubset`). */
  onProgress?: ProgressListener;
}

const OVERFIT_OPTIONS = ['loss', 'makeOptimizer', 'steps', 'targetAccuracy', 'restore', 'onProgress'] as const satisfies readonly (keyof OverfitOptions)[];

/** The result of {@link overfitSmallSubset}. */
export interface OverfitResult {
  /** Loss after each step. */
  losses: number[];
  /** Accuracy on the subset after the last step. */
  accuracy: number;
  /** Steps until `targetAccuracy` was first reached, or -1. */
  stepsToTarget: number;
  ok: boolean;
  message: string;
}

function accuracyOf(logits: Tensor, y: Tensor): number {
  const pred = logits.argmax(1).data;
  let correct = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y.data[i]) correct++;
  return correct / pred.length;
}

/**
 * The slides' second check: "make sure that you can overfit a very small portion of the
 * training data" (20 examples, no regularization, vanilla SGD): the loss should fall towards 0
 * and the training accuracy reach 100 %. If it cannot, the model, the loss or the backward
 * pass is broken, and training on the full set would only hide it.
 *
 * @example
 * const r = overfitSmallSubset(model, { x: x20, y: y20 }, { loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0.1 }) });
 */
export function overfitSmallSubset(model: TrainableModel, batch: BatchLike, options: OverfitOptions): OverfitResult {
  checkRequiredOptions('overfitSmallSubset', options, OVERFIT_OPTIONS, 'loss and makeOptimizer');
  const { steps = 200, targetAccuracy = 1, restore = true } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new MlpkitError('overfitSmallSubset', `steps must be an integer >= 1, got ${steps}`);
  const lossFn = asLossFn('overfitSmallSubset', options.loss);
  checkMakeOptimizer('overfitSmallSubset', options.makeOptimizer);
  checkFlag('overfitSmallSubset', 'restore', restore);
  const saved = restore ? snapshotState(model) : null;
  const optimizer = options.makeOptimizer(model.parameters());
  const losses: number[] = [];
  let accuracy = 0;
  let stepsToTarget = -1;
  model.train();
  for (let s = 0; s < steps; s++) {
    optimizer.zeroGrad();
    const out = model.forward(batch.x);
    const loss = lossFn(out, batch.y);
    losses.push(loss.item());
    accuracy = accuracyOf(out, batch.y);
    if (accuracy >= targetAccuracy && stepsToTarget < 0) stepsToTarget = s;
    loss.backward();
    optimizer.step();
    options.onProgress?.(s + 1, steps, 'overfitSmallSubset');
  }
  accuracy = noGrad(() => accuracyOf(model.forward(batch.x), batch.y));
  if (saved) restoreState(model, saved);
  const ok = accuracy >= targetAccuracy;
  const last = losses[losses.length - 1];
  return {
    losses, accuracy, stepsToTarget, ok,
    message: `overfit ${batch.x.shape[0]} examples: accuracy ${(accuracy * 100).toFixed(1)} %, loss ${losses[0].toFixed(4)} → ${last.toFixed(4)} in ${steps} steps: ` +
      (ok ? 'ok, the model can learn' : 'could not overfit: check the model, the loss and the learning rate'),
  };
}
