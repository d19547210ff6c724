import { type Generator, MlpkitError } from '@mlpkit/tensor';

/**
 * A hyperparameter distribution for random search: draws one value from a generator. `kind`,
 * `low`, `high` and `values` describe it so that {@link coarseToFine} can narrow it.
 */
export interface Distribution<T = number> {
  sample(generator: Generator): T;
  /** A short description for reports, e.g. `logUniform(1e-6, 1e-3)`. */
  readonly label: string;
  readonly kind: 'uniform' | 'logUniform' | 'randint' | 'choice';
  /** Lower bound (inclusive) of a numeric range. */
  readonly low?: number;
  /** Upper bound (exclusive) of a numeric range. */
  readonly high?: number;
  /** The candidates of a `choice`. */
  readonly values?: readonly T[];
}

/** Uniform on [low, high). */
export function uniform(low: number, high: number): Distribution {
  if (!(low < high)) throw new MlpkitError('uniform', `expected low < high, got [${low}, ${high}]`);
  return { kind: 'uniform', low, high, sample: (g) => low + (high - low) * g.random(), label: `uniform(${low}, ${high})` };
}

/**
 * Log-uniform on [low, high): 10^uniform(log10 low, log10 high), the slides' "optimize in log
 * space" for learning rates and regularization strengths.
 */
export function logUniform(low: number, high: number): Distribution {
  if (!(low > 0 && low < high)) throw new MlpkitError('logUniform', `expected 0 < low < high, got [${low}, ${high}]`);
  const a = Math.log10(low);
  const b = Math.log10(high);
  return { kind: 'logUniform', low, high, sample: (g) => 10 ** (a + (b - a) * g.random()), label: `logUniform(${low}, ${high})` };
}

/** An integer in [low, high), each equally likely (`torch.randint`'s bounds), e.g. a hidden width. */
export function randint(low: number, high: number): Distribution {
  if (!Number.isInteger(low) || !Number.isInteger(high) || !(low < high)) {
    throw new MlpkitError('randint', `expected integers low < high, got [${low}, ${high})`);
  }
  return { kind: 'randint', low, high, sample: (g) => Math.min(high - 1, low + Math.floor((high - low) * g.random())), label: `randint(${low}, ${high})` };
}

/** One of `values`, each equally likely. */
export function choice<T>(values: readonly T[]): Distribution<T> {
  if (!Array.isArray(values) || values.length === 0) throw new MlpkitError('choice', 'expected a non-empty array of values');
  const copy = [...values];
  return {
    kind: 'choice', values: copy,
    sample: (g) => copy[Math.min(copy.length - 1, Math.floor(g.random() * copy.length))], label: `choice(${copy.join(', ')})`,
  };
}

/** Whether `x` is one of this module's distributions. */
export function isDistribution(x: unknown): x is Distribution<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as Distribution<unknown>).sample === 'function'
    && typeof (x as Distribution<unknown>).kind === 'string';
}
