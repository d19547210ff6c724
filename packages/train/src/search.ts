import { Generator, MlpkitError } from '@mlpkit/tensor';
import { TrainingDivergedError } from './divergence.js';

/** A hyperparameter distribution for {@link randomSearch}: draws one value from a generator. */
export interface Distribution<T = number> {
  sample(generator: Generator): T;
  /** A short description for reports, e.g. `logUniform(1e-6, 1e-3)`. */
  readonly label: string;
}

/** Uniform on [low, high). */
export function uniform(low: number, high: number): Distribution {
  if (!(low < high)) throw new MlpkitError('uniform', `expected low < high, got [${low}, ${high}]`);
  return { sample: (g) => low + (high - low) * g.random(), label: `uniform(${low}, ${high})` };
}

/**
 * Log-uniform on [low, high): 10^uniform(log10 low, log10 high), the slides' "optimize in log
 * space" for learning rates and regularization strengths.
 */
export function logUniform(low: number, high: number): Distribution {
  if (!(low > 0 && low < high)) throw new MlpkitError('logUniform', `expected 0 < low < high, got [${low}, ${high}]`);
  const a = Math.log10(low);
  const b = Math.log10(high);
  return { sample: (g) => 10 ** (a + (b - a) * g.random()), label: `logUniform(${low}, ${high})` };
}

/** One of `values`, each equally likely. */
export function choice<T>(values: readonly T[]): Distribution<T> {
  if (!Array.isArray(values) || values.length === 0) throw new MlpkitError('choice', 'expected a non-empty array of values');
  return { sample: (g) => values[Math.min(values.length - 1, Math.floor(g.random() * values.length))], label: `choice(${values.join(', ')})` };
}

/** One trial: its hyperparameters and its score (NaN when it diverged or failed). */
export interface Trial<P> {
  index: number;
  params: P;
  score: number;
  /** Why the trial has no score, when it diverged. */
  error?: string;
}

/** What a search returns: every trial in order, and the best one (undefined if none scored). */
export interface SearchResult<P> {
  trials: Trial<P>[];
  best: Trial<P> | undefined;
}

/** Options shared by both searches. */
export interface SearchOptions<P> {
  /** Whether a higher score is better ('max', default, e.g. validation accuracy) or a lower one ('min'). */
  mode?: 'min' | 'max';
  /** Called after each trial, e.g. to print the slides' `val_acc: …, lr: …, (3 / 100)` lines. */
  onTrial?: (trial: Trial<P>, total: number) => void;
}

type Objective<P> = (params: P, index: number) => number | Promise<number>;

async function runTrials<P>(list: P[], objective: Objective<P>, options: SearchOptions<P>): Promise<SearchResult<P>> {
  const mode = options.mode ?? 'max';
  if (mode !== 'min' && mode !== 'max') throw new MlpkitError('search', `mode must be 'min' or 'max', got ${String(mode)}`);
  const trials: Trial<P>[] = [];
  let best: Trial<P> | undefined;
  for (let index = 0; index < list.length; index++) {
    const trial: Trial<P> = { index, params: list[index], score: Number.NaN };
    try {
      trial.score = await objective(list[index], index);
    } catch (error) {
      // A diverging configuration is a result, not a crash: the slides break out and move on.
      if (!(error instanceof TrainingDivergedError)) throw error;
      trial.error = error.message;
    }
    trials.push(trial);
    if (!Number.isNaN(trial.score) && (!best || (mode === 'max' ? trial.score > best.score : trial.score < best.score))) best = trial;
    options.onTrial?.(trial, list.length);
  }
  return { trials, best };
}

/** Every combination of `space`'s values, the last key varying fastest. */
export function gridPoints<S extends Record<string, readonly unknown[]>>(space: S): { [K in keyof S]: S[K][number] }[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0) throw new MlpkitError('gridSearch', `space.${key}: expected a non-empty array of values`);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points as { [K in keyof S]: S[K][number] }[];
}

/**
 * Tries every combination of `space` (a grid) and scores each with `objective`, typically a
 * short `fit` returning the best validation accuracy. A trial whose training diverges is kept
 * with score NaN and its message.
 *
 * @example
 * const { best } = await gridSearch({ lr: [1e-3, 1e-2], hidden: [64, 256] }, async (p) => trainAndScore(p));
 */
export async function gridSearch<S extends Record<string, readonly unknown[]>>(
  space: S, objective: Objective<{ [K in keyof S]: S[K][number] }>, options: SearchOptions<{ [K in keyof S]: S[K][number] }> = {},
): Promise<SearchResult<{ [K in keyof S]: S[K][number] }>> {
  return runTrials(gridPoints(space), objective, options);
}

/**
 * Draws `trials` random configurations from `space` (seeded) and scores each. Random search
 * beats grid search when only a few hyperparameters matter: every trial tries a new value of
 * each (the slides' "Random Search vs. Grid Search"). Sample rates in log space with
 * {@link logUniform}, then rerun with a narrower range (coarse → fine).
 *
 * @example
 * await randomSearch({ lr: logUniform(1e-6, 1e-3), reg: logUniform(1e-5, 1e5) }, objective, { trials: 20, seed: 0 });
 */
export async function randomSearch<S extends Record<string, Distribution<unknown>>>(
  space: S, objective: Objective<{ [K in keyof S]: ReturnType<S[K]['sample']> }>,
  options: SearchOptions<{ [K in keyof S]: ReturnType<S[K]['sample']> }> & { trials: number; seed?: number },
): Promise<SearchResult<{ [K in keyof S]: ReturnType<S[K]['sample']> }>> {
  if (!Number.isInteger(options?.trials) || options.trials < 1) throw new MlpkitError('randomSearch', `trials must be an integer >= 1, got ${options?.trials}`);
  for (const [key, d] of Object.entries(space))
    if (!d || typeof d.sample !== 'function') throw new MlpkitError('randomSearch', `space.${key}: expected a distribution such as logUniform(1e-5, 1e-1)`);
  const g = new Generator(options.seed ?? 0);
  const list = Array.from({ length: options.trials }, () =>
    Object.fromEntries(Object.entries(space).map(([k, d]) => [k, d.sample(g)])) as { [K in keyof S]: ReturnType<S[K]['sample']> });
  return runTrials(list, objective, options);
}
