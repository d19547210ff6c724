import { checkOptions, manualSeed } from '@mlpkit/tensor';
import { checkMode } from './check-mode.js';
import { MemoryReportStore, type PruningOptions, checkPruning, makeReporter } from './pruning.js';
import { type TrialFunction, runTrial } from './run-trial.js';
import { runTrials } from './run-trials.js';
import type { SearchResult } from './search-result.js';
import { type ParamsOf, type Space, type TrialSpec, gridPoints, samplePoints, toSpecs } from './space.js';
import type { TrialRecord } from './trial-record.js';

/** Options of the in-process searches. */
export interface SearchOptions<P> {
  /** Whether a higher score is better ('max', default, e.g. validation accuracy) or a lower one ('min'). */
  mode?: 'min' | 'max';
  /** Seeds the trials (each gets `manualSeed` of its own seed) and, for random search, the sampling. Default 0. */
  seed?: number;
  /** How poor trials are stopped early (ASHA or the median rule); unset runs every trial to the end. */
  pruning?: PruningOptions;
  /** Called after each trial, e.g. to print the slides' `val_acc: …, lr: …, (3 / 100)` lines. */
  onTrial?: (trial: TrialRecord<P>, total: number) => void;
}

const COMMON = ['mode', 'seed', 'pruning', 'onTrial'];
const ELSEWHERE = "; workers, results and redis are options of runSearch in '@mlpkit/search/node'";

async function inProcess<P>(op: string, specs: TrialSpec<P>[], objective: TrialFunction<P>, options: SearchOptions<P>): Promise<SearchResult<P>> {
  const mode = checkMode(op, options.mode);
  const reporter = makeReporter(checkPruning(op, options.pruning), mode, new MemoryReportStore());
  return runTrials(specs, {
    concurrency: 1, mode,
    execute: (spec) => {
      manualSeed(spec.seed);
      return runTrial(objective, spec, reporter);
    },
    onRecord: (r) => options.onTrial?.(r, specs.length),
  });
}

function refuseUnknown(op: string, options: unknown, allowed: string[]): void {
  try {
    checkOptions(op, options, allowed);
  } catch (error) {
    if (error instanceof Error) error.message += ELSEWHERE;
    throw error;
  }
}

/**
 * Tries every combination of `space` (a grid of value lists), one after another in this thread,
 * and scores each with `objective`. A trial that diverges or throws is recorded, and the search
 * goes on. For parallel, resumable or multi-machine searches use `runSearch` from
 * `@mlpkit/search/node`.
 *
 * @example
 * const { best } = await gridSearch({ lr: [1e-3, 1e-2], hidden: [64, 256] }, async (p) => trainAndScore(p));
 */
export async function gridSearch<S extends Space>(space: S, objective: TrialFunction<ParamsOf<S>>, options: SearchOptions<ParamsOf<S>> = {}): Promise<SearchResult<ParamsOf<S>>> {
  refuseUnknown('gridSearch', options, COMMON);
  return inProcess('gridSearch', toSpecs(gridPoints(space), options.seed), objective, options);
}

/**
 * Draws `trials` random configurations from `space` (seeded) and scores each, in this thread.
 * Random search beats grid search when only a few hyperparameters matter: every trial tries a
 * new value of each (the slides' "Random Search vs. Grid Search"). Sample rates in log space with
 * `logUniform`, then narrow the space with `coarseToFine`.
 *
 * @example
 * await randomSearch({ lr: logUniform(1e-6, 1e-3), reg: logUniform(1e-5, 1e5) }, objective, { trials: 20, seed: 0 });
 */
export async function randomSearch<S extends Space>(
  space: S, objective: TrialFunction<ParamsOf<S>>, options: SearchOptions<ParamsOf<S>> & { trials: number },
): Promise<SearchResult<ParamsOf<S>>> {
  refuseUnknown('randomSearch', options, [...COMMON, 'trials']);
  return inProcess('randomSearch', toSpecs(samplePoints(space, options?.trials, options?.seed), options?.seed), objective, options);
}
