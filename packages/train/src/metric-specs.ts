import { Accuracy } from '@mlpkit/metrics';
import { MlpkitError } from '@mlpkit/tensor';
import type { MetricLike } from './types.js';

/**
 * Which metrics `fit` and `evaluate` track: names of built-ins (`'accuracy'`), or factories by
 * name (`{ f1: () => new F1Score({ average: 'macro' }) }`). Factories, not instances, because
 * training and validation each need their own accumulator.
 */
export type MetricSpecs = readonly 'accuracy'[] | Readonly<Record<string, () => MetricLike>>;

const builtIns: Record<string, () => MetricLike> = {
  accuracy: () => new Accuracy(),
};

/** Fresh accumulators by name for one pass over a loader. */
export function createMetrics(op: string, specs: MetricSpecs | undefined): Map<string, MetricLike> {
  const out = new Map<string, MetricLike>();
  if (!specs) return out;
  const entries: [string, unknown][] = Array.isArray(specs)
    ? specs.map((name): [string, unknown] => [name, builtIns[name as string]])
    : Object.entries(specs);
  for (const [name, factory] of entries) {
    if (typeof factory !== 'function')
      throw new MlpkitError(op, `metrics: expected 'accuracy' or a factory function for "${name}", got ${typeof factory}`);
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
