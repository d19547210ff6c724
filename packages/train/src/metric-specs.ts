import { sigmoid, softmax } from '@mlpkit/activations';
import {
  Accuracy, BalancedAccuracy, F1Score, LogLoss, MeanAbsoluteError, MeanSquaredError, Precision, R2Score, Recall, RocAuc, TopKAccuracy,
} from '@mlpkit/metrics';
import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import type { MetricLike } from './types.js';

/**
 * Model outputs are logits; metrics that read probabilities get them through softmax over the
 * classes (sigmoid for a single output column), as a model's predict_proba would give them.
 */
function onProbabilities(metric: MetricLike): MetricLike {
  const probabilities = (out: Tensor) => (out.ndim === 2 && out.shape[1] > 1 ? softmax(out, 1) : sigmoid(out.ndim === 2 ? out.reshape([out.shape[0]]) : out));
  return { update: (preds, targets) => metric.update(probabilities(preds), targets), compute: () => metric.compute(), reset: () => metric.reset() };
}

/**
 * Every metric of `@mlpkit/metrics` by the name `fit` and `evaluate` accept. Classification
 * metrics read the model's logits (argmax for class predictions); the averaged ones are macro
 * averages over the classes; `rocAuc` (one-vs-rest) and `logLoss` see softmax probabilities.
 */
export const metricFactories = Object.freeze({
  accuracy: () => new Accuracy(),
  balancedAccuracy: () => new BalancedAccuracy(),
  precision: () => new Precision({ average: 'macro', zeroDivision: 0 }),
  recall: () => new Recall({ average: 'macro', zeroDivision: 0 }),
  f1: () => new F1Score({ average: 'macro', zeroDivision: 0 }),
  topKAccuracy: () => new TopKAccuracy({ k: 5 }),
  rocAuc: () => onProbabilities(new RocAuc({ multiClass: 'ovr' }) as MetricLike),
  logLoss: () => onProbabilities(new LogLoss()),
  mse: () => new MeanSquaredError(),
  mae: () => new MeanAbsoluteError(),
  r2: () => new R2Score(),
}) satisfies Readonly<Record<string, () => MetricLike>>;

/** A metric's name in {@link metricFactories}. */
export type MetricName = keyof typeof metricFactories;

/**
 * Which metrics `fit` and `evaluate` track: names (`['accuracy', 'f1']`, see
 * {@link metricFactories}), or factories by name (`{ f1w: () => new F1Score({ average:
 * 'weighted' }) }`). Factories, not instances, because training and validation each need their
 * own accumulator.
 */
export type MetricSpecs = readonly MetricName[] | Readonly<Record<string, () => MetricLike>>;

/** Fresh accumulators by name for one pass over a loader. */
export function createMetrics(op: string, specs: MetricSpecs | undefined): Map<string, MetricLike> {
  const out = new Map<string, MetricLike>();
  if (!specs) return out;
  const known = metricFactories as Readonly<Record<string, () => MetricLike>>;
  const entries: [string, unknown][] = Array.isArray(specs)
    ? specs.map((name): [string, unknown] => {
      if (typeof name !== 'string' || !Object.hasOwn(known, name))
        throw new MlpkitError(op, `metrics: unknown metric ${JSON.stringify(name)}; known: ${Object.keys(known).join(', ')} (or pass { name: () => metric })`);
      return [name, known[name]];
    })
    : Object.entries(specs);
  for (const [name, factory] of entries) {
    if (typeof factory !== 'function')
      throw new MlpkitError(op, `metrics: expected a metric name or a factory function for "${name}", got ${typeof factory}`);
    const metric = (factory as () => MetricLike)();
    if (!metric || typeof metric.update !== 'function' || typeof metric.compute !== 'function')
      throw new MlpkitError(op, `metrics: the factory for "${name}" must return an object with update(preds, targets) and compute()`);
    out.set(name, metric);
  }
  return out;
}

/** `accuracy` → `valAccuracy`: the Keras-style name of a validation value, camelCased. */
export function valKey(name: string): string {
  return `val${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
