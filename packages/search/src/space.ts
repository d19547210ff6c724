import { Generator, MlpkitError } from '@mlpkit/tensor';
import { type Distribution, isDistribution } from './distributions.js';

/** A search space: each hyperparameter is a distribution or a plain list of values (a choice). */
export type Space = Record<string, Distribution<unknown> | readonly unknown[]>;

/** The configuration a space yields: one value per key. */
export type ParamsOf<S extends Space> = {
  [K in keyof S]: S[K] extends Distribution<infer T> ? T : S[K] extends readonly (infer U)[] ? U : never;
};

/** One trial to run: its position in the search, its hyperparameters and its random seed. */
export interface TrialSpec<P = Record<string, unknown>> {
  index: number;
  params: P;
  /** The seed the runner passes to `manualSeed` before the trial, so a trial is reproducible anywhere. */
  seed: number;
}

function valuesOf(op: string, key: string, entry: unknown): readonly unknown[] {
  if (Array.isArray(entry)) {
    if (entry.length === 0) throw new MlpkitError(op, `space.${key}: expected a non-empty array of values`);
    return entry;
  }
  if (isDistribution(entry) && entry.kind === 'choice') return entry.values as readonly unknown[];
  throw new MlpkitError(op, `space.${key}: expected a non-empty array of values or choice([...]), got ${isDistribution(entry) ? entry.label : typeof entry}`);
}

/**
 * The most trials one search runs. Each is a training run, so a search past it is a mistake
 * (a grid of three lists of 1000), and making its trials would exhaust the heap first.
 */
export const MAX_TRIALS = 1_000_000;

/** Every combination of `space`'s values, the last key varying fastest. */
export function gridPoints<S extends Space>(space: S): ParamsOf<S>[] {
  checkSpace('gridSearch', space);
  const lists = Object.entries(space).map(([key, entry]) => [key, valuesOf('gridSearch', key, entry)] as const);
  const count = lists.reduce((n, [, values]) => n * values.length, 1);
  if (count > MAX_TRIALS)
    throw new MlpkitError('gridSearch', `the grid has ${lists.map(([, v]) => v.length).join(' × ')} = ${count} combinations, more than ${MAX_TRIALS} trials; draw some of them with randomSearch instead`);
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of lists) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points as ParamsOf<S>[];
}

/** `trials` configurations drawn from `space` with a generator seeded by `seed`. */
export function samplePoints<S extends Space>(space: S, trials: number, seed = 0): ParamsOf<S>[] {
  checkSpace('randomSearch', space);
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) throw new MlpkitError('randomSearch', `trials must be an integer from 1 to ${MAX_TRIALS}, got ${trials}`);
  const entries = Object.entries(space).map(([key, entry]) =>
    [key, isDistribution(entry) ? entry : valuesOf('randomSearch', key, entry)] as const);
  const g = new Generator(seed);
  return Array.from({ length: trials }, () => Object.fromEntries(entries.map(([key, d]) =>
    [key, Array.isArray(d) ? d[Math.min(d.length - 1, Math.floor(g.random() * d.length))] : (d as Distribution<unknown>).sample(g)])) as ParamsOf<S>);
}

/** The seed of trial `index` in a search seeded by `seed`: distinct per trial, the same on every machine. */
export function trialSeed(seed: number, index: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) + index * 7919 + 1) >>> 0;
}

/** Numbers each point with its index and seed. */
export function toSpecs<P>(points: P[], seed = 0): TrialSpec<P>[] {
  return points.map((params, index) => ({ index, params, seed: trialSeed(seed, index) }));
}

function checkSpace(op: string, space: unknown): void {
  if (typeof space !== 'object' || space === null || Array.isArray(space) || Object.keys(space).length === 0) {
    throw new MlpkitError(op, 'expected a space object with at least one hyperparameter, e.g. { lr: logUniform(1e-4, 1) }');
  }
  for (const [key, entry] of Object.entries(space)) {
    if (!Array.isArray(entry) && !isDistribution(entry)) {
      throw new MlpkitError(op, `space.${key}: expected a distribution such as logUniform(1e-5, 1e-1) or an array of values, got ${typeof entry}`);
    }
  }
}
