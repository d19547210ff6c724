import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, checkOptions, describe } from '@mlpkit/tensor';
import { batchOf, lossValue } from './check-batch.js';
import { checkFlag } from './check-flag.js';
import { type MetricSpecs, createMetrics } from './metric-specs.js';
import { leaveIterator } from './leave-iterator.js';
import type { ProgressListener } from './progress.js';
import { runStep } from './step-memory.js';
import type { BatchLike, LoaderLike, LossFn, TrainableModel } from './types.js';

/** A loss as a function or as an object with `forward` (`new CrossEntropyLoss()`). */
export type LossInput = LossFn | { forward(prediction: Tensor, target: Tensor): Tensor };

/** Turns either form of loss into a function, refusing anything else. */
export function asLossFn(op: string, loss: LossInput | undefined): LossFn {
  if (typeof loss === 'function') return loss;
  if (loss && typeof (loss as { forward?: unknown }).forward === 'function') return (p, t) => loss.forward(p, t);
  throw new MlpkitError(op, `loss: expected a function (prediction, target) => Tensor or an object with forward, got ${loss === null ? 'null' : typeof loss}`);
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The loss to average over the loader (optional: metrics alone are fine, but one of the two is needed). */
  loss?: LossInput;
  /** Metrics to compute, e.g. `['accuracy']`. */
  metrics?: MetricSpecs;
  /** Called after each batch with the batches done and the loader's `length` (label `evaluate`). */
  onProgress?: ProgressListener;
  /**
   * Reuse each batch's memory (its features, activations and predictions) for the next
   * batches, as `fit`'s `reuseMemory` does, on the same condition: no metric or loss of your
   * own keeps a prediction past its batch. Default false.
   */
  reuseMemory?: boolean;
}

/** What {@link evaluate} returns: the mean loss (NaN without a loss) and each metric by name. */
export interface EvaluateResult {
  loss: number;
  metrics: Record<string, number>;
  /** Samples seen. */
  count: number;
}

/**
 * Runs `model` over every batch of `loader` in eval mode without recording gradients, and
 * returns the sample-weighted mean loss and the metrics. The model's previous mode is not
 * restored: `fit` sets it at the start of each epoch, as PyTorch loops do.
 *
 * @example
 * const { loss, metrics } = evaluate(model, testLoader, { loss: crossEntropy, metrics: ['accuracy'] });
 */
export function evaluate(model: TrainableModel, loader: LoaderLike, options: EvaluateOptions = {}): EvaluateResult {
  checkOptions('evaluate', options, ['loss', 'metrics', 'onProgress', 'reuseMemory']);
  checkFlag('evaluate', 'reuseMemory', options.reuseMemory);
  if (!loader || typeof (loader as Iterable<unknown>)[Symbol.iterator] !== 'function')
    throw new MlpkitError('evaluate', `loader: expected an iterable of {x, y} batches such as a DataLoader, got ${describe(loader)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw new MlpkitError('evaluate', `onProgress: expected a function, got ${describe(options.onProgress)}`);
  const lossFn = options.loss === undefined ? null : asLossFn('evaluate', options.loss);
  const metrics = createMetrics('evaluate', options.metrics);
  // With neither there is nothing to report: the result would be a NaN loss and no metrics.
  if (!lossFn && metrics.size === 0)
    throw new MlpkitError('evaluate', "expected a loss or metrics to compute (e.g. { loss: crossEntropy } or { metrics: ['accuracy'] }), got neither");
  model.eval();
  let total = 0;
  let count = 0;
  let batches = 0;
  const evaluateNext = (it: Iterator<BatchLike>): boolean => {
    const next = it.next();
    if (next.done) return false;
    const { x, y } = batchOf('evaluate', next.value, batches);
    const out = model.forward(x);
    const n = x.shape[0] ?? 1;
    if (lossFn) total += lossValue('evaluate', lossFn(out, y)) * n;
    for (const m of metrics.values()) m.update(out, y);
    count += n;
    return true;
  };
  noGrad(() => {
    const it = loader[Symbol.iterator]();
    let exhausted = false;
    try {
      while (runStep('evaluate', options.reuseMemory ?? false, { model }, () => evaluateNext(it))) options.onProgress?.(++batches, loader.length, 'evaluate');
      exhausted = true;
    } finally {
      // Only an error leaves the loop early.
      if (!exhausted) leaveIterator(it, true);
    }
  });
  if (count === 0) throw new MlpkitError('evaluate', 'the loader yielded no batches');
  const result: Record<string, number> = {};
  for (const [name, m] of metrics) result[name] = m.compute();
  return { loss: lossFn ? total / count : Number.NaN, metrics: result, count };
}
