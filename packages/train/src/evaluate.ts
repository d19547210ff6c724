import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import { type MetricSpecs, createMetrics } from './metric-specs.js';
import type { ProgressListener } from './progress.js';
import type { LoaderLike, LossFn, TrainableModel } from './types.js';

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
  /** The loss to average over the loader (optional: metrics alone are fine). */
  loss?: LossInput;
  /** Metrics to compute, e.g. `['accuracy']`. */
  metrics?: MetricSpecs;
  /** Called after each batch with the batches done and the loader's `length` (label `evaluate`). */
  onProgress?: ProgressListener;
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
  const lossFn = options.loss === undefined ? null : asLossFn('evaluate', options.loss);
  const metrics = createMetrics('evaluate', options.metrics);
  model.eval();
  let total = 0;
  let count = 0;
  let batches = 0;
  noGrad(() => {
    for (const { x, y } of loader) {
      const out = model.forward(x);
      const n = x.shape[0] ?? 1;
      if (lossFn) total += lossFn(out, y).item() * n;
      for (const m of metrics.values()) m.update(out, y);
      count += n;
      options.onProgress?.(++batches, loader.length, 'evaluate');
    }
  });
  if (count === 0) throw new MlpkitError('evaluate', 'the loader yielded no batches');
  const result: Record<string, number> = {};
  for (const [name, m] of metrics) result[name] = m.compute();
  return { loss: lossFn ? total / count : Number.NaN, metrics: result, count };
}
