import { Generator, MlpkitError, defaultGenerator } from '@mlpkit/tensor';

/** How a function that draws random numbers is seeded. */
export interface SeedOptions {
  /** A generator to draw from (shared state: drawing advances it). */
  generator?: Generator;
  /** Shorthand for `generator: new Generator(seed)`. Ignored when `generator` is given. */
  seed?: number;
}

/** The keys of {@link SeedOptions}, which every seeded function's option list starts with. */
export const SEED_OPTIONS = ['generator', 'seed'] as const satisfies readonly (keyof SeedOptions)[];

/** The generator to use: `generator`, else a fresh one from `seed`, else the global one `manualSeed` resets. */
export function resolveGenerator(op: string, options: SeedOptions): Generator {
  if (options.generator) return options.generator;
  if (options.seed !== undefined) {
    if (!Number.isInteger(options.seed)) throw new MlpkitError(op, `seed must be an integer, got ${options.seed}`);
    return new Generator(options.seed);
  }
  return defaultGenerator();
}

/** Shuffles `a` in place (Fisher–Yates) with `g`. */
export function shuffleInPlace(a: Int32Array, g: Generator): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = g.integer(0, i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}

/** 0, 1, ..., n-1 as an Int32Array. */
export function range(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Checks that `value` is an integer >= `min`, naming `name` in the error. */
export function checkInteger(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new MlpkitError(op, `${name} must be an integer >= ${min}, got ${value}`);
}
