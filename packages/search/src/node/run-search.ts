import { availableParallelism } from 'node:os';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkMode } from '../check-mode.js';
import { MemoryReportStore, type PruningOptions, checkPruning, makeReporter } from '../pruning.js';
import { runTrials } from '../run-trials.js';
import type { SearchResult } from '../search-result.js';
import { type Space, type TrialSpec, gridPoints, samplePoints, toSpecs } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import { runOnQueue } from './queue-coordinator.js';
import type { QueueTuning } from './queue-job.js';
import { appendResult, openResults, readResults } from './results-file.js';
import { type Isolation, checkIsolation, openPool } from './isolation.js';
import { runnerFingerprint } from './runner-fingerprint.js';
import { resolveModule } from './trial-module.js';
import { TrialNotRunError } from './trial-not-run-error.js';
import { isTrialRunner } from './trial-runner.js';
import { checkTrialTimeout } from './trial-timeout.js';

/** Options of {@link runSearch}. */
export interface RunSearchOptions {
  /** Path of the module exporting `trial(params, ctx)`; trial processes (or threads) and queue workers import it. */
  module: string;
  /** A random search's space (with `trials`)... */
  space?: Space;
  /** ...or a grid of value lists (every combination). */
  grid?: Space;
  /** Configurations drawn from `space`. */
  trials?: number;
  /** Seeds the sampling and each trial (default 0). */
  seed?: number;
  mode?: 'min' | 'max';
  /** Early stopping of poor trials: `{ rule: 'asha', rungs, reductionFactor }` or `{ rule: 'median', ... }`. */
  pruning?: PruningOptions;
  /** Trials at once on this machine (default: one per core). With `redis`, the trial runners of this process's own queue worker; 0 leaves the trials to other machines. */
  workers?: number;
  /**
   * Where each trial runs: 'process' (default), a child process per worker, each on one core; or
   * 'thread', a worker thread per worker, which starts faster but shares this process's V8, so
   * two threads do less than twice the work of one.
   */
  isolation?: Isolation;
  /**
   * Stops a trial still running this many milliseconds after it started (a hung trial would hold
   * its worker for good): its process or thread is stopped and replaced, and the trial is recorded
   * as failed, timed out. Queue workers apply it too. Default: no limit.
   */
  trialTimeoutMs?: number;
  /** JSONL file: each finished trial is appended; a rerun skips the trials it holds. Its directory is created if need be. */
  results?: string;
  /** `redis://host:port`: put trials on a BullMQ queue for `mlpkit-search worker` processes. */
  redis?: string;
  /** The BullMQ queue's name (default 'mlpkit-search'). */
  queue?: string;
  /** Timing of the queue path (tests shorten them). */
  queueTuning?: QueueTuning;
  /** Called after each newly finished trial. */
  onTrial?: (record: TrialRecord, done: number, total: number) => void;
}

const RUN_SEARCH_OPTIONS = [
  'module', 'space', 'grid', 'trials', 'seed', 'mode', 'pruning', 'workers', 'isolation', 'trialTimeoutMs', 'results', 'redis', 'queue', 'queueTuning', 'onTrial',
] as const satisfies readonly (keyof RunSearchOptions)[];

function specsOf(options: RunSearchOptions): TrialSpec[] {
  if ((options.space === undefined) === (options.grid === undefined)) throw new MlpkitError('runSearch', 'expected exactly one of space (random search, with trials) or grid');
  if (options.grid !== undefined && options.trials !== undefined) throw new MlpkitError('runSearch', 'trials applies to a random search (space), not to a grid');
  const points = options.grid ? gridPoints(options.grid) : samplePoints(options.space as Space, options.trials as number, options.seed ?? 0);
  return toSpecs(points as Record<string, unknown>[], options.seed ?? 0);
}

/** The results file's trials that belong to this search, refusing a file written by another one. */
function resumable(path: string | undefined, specs: TrialSpec[]): TrialRecord[] {
  if (!path) return [];
  return readResults(path).filter((r) => {
    const spec = specs[r.index];
    if (!spec) return false;
    if (JSON.stringify(spec.params) !== JSON.stringify(r.params) || spec.seed !== r.seed) {
      throw new MlpkitError('runSearch', `${path} holds trial ${r.index} with params ${JSON.stringify(r.params)}, but this search's trial ${r.index} is ${JSON.stringify(spec.params)} (seed ${spec.seed}): the file belongs to another search; choose another results file`);
    }
    return true;
  });
}

/**
 * Runs a hyperparameter search in child processes (one per core by default; worker threads with
 * `isolation: 'thread'`) or, with `redis`, on a BullMQ queue served by `mlpkit-search worker`
 * processes on any machine. Each finished
 * trial is appended to `results`; running again resumes. Diverged, failed and early-stopped
 * trials are recorded with their reasons.
 *
 * @example
 * const result = await runSearch({ module: './trial.ts', space: { lr: logUniform(1e-4, 1) }, trials: 20, results: 'search.jsonl' });
 */
export async function runSearch(options: RunSearchOptions): Promise<SearchResult> {
  checkOptions('runSearch', options, RUN_SEARCH_OPTIONS);
  if (isTrialRunner()) {
    throw new MlpkitError('runSearch', 'called in a trial runner, which imported the trial module: a module that is also the search program must start the search only when isTrialRunner() is false');
  }
  const isolation = checkIsolation('runSearch', options.isolation);
  const mode = checkMode('runSearch', options.mode);
  const pruning = checkPruning('runSearch', options.pruning);
  const trialTimeoutMs = checkTrialTimeout('runSearch', options.trialTimeoutMs);
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < (options.redis ? 0 : 1)) {
    throw new MlpkitError('runSearch', `workers must be an integer >= ${options.redis ? 0 : 1}, got ${options.workers}`);
  }
  const module = resolveModule('runSearch', options.module);
  const specs = specsOf(options);
  if (options.results !== undefined) openResults('runSearch', options.results);
  const done = resumable(options.results, specs);
  let finished = done.length;
  const onRecord = (r: TrialRecord): void => {
    if (options.results) appendResult(options.results, r);
    options.onTrial?.(r, ++finished, specs.length);
  };
  if (options.redis) {
    // Taken in a trial runner, as the trials are: this process never imports the trial module.
    const print = await runnerFingerprint(isolation, module).catch((error: unknown) => {
      throw error instanceof MlpkitError ? error : new MlpkitError('runSearch', error instanceof Error ? error.message : String(error));
    });
    return runOnQueue(specs, { redis: options.redis, queue: options.queue, module, fingerprint: print, mode, pruning, trialTimeoutMs, workers, isolation, done, onRecord, tuning: options.queueTuning });
  }
  if (options.queue !== undefined || options.queueTuning !== undefined) throw new MlpkitError('runSearch', 'queue and queueTuning need redis');
  const store = new MemoryReportStore();
  for (const r of done) for (const [epoch, value] of Object.entries(r.reports)) if (value !== null) await store.record(r.index, Number(epoch), value);
  const pool = openPool(isolation, workers, module, makeReporter(pruning, mode, store), { trialTimeoutMs });
  try {
    // At capacity, each runner has its next trial waiting beside the one it runs.
    return await runTrials(specs, { execute: (s) => pool.run(s), concurrency: pool.capacity, done, mode, onRecord });
  } catch (error) {
    if (!(error instanceof TrialNotRunError)) throw error;
    // The environment's problem, not the trials': nothing is recorded, so a run that fixes it finds no stale failures.
    if (error.reason === 'unloadable') throw new MlpkitError('runSearch', error.detail);
    // A trial process stopped by a signal that the search's own process survived (it handles SIGINT, say).
    throw new MlpkitError('runSearch', `stopped: ${error.message}; it was not recorded${options.results ? `, and the finished trials are in ${options.results}: run the search again to resume` : ''}`);
  } finally {
    await pool.close();
  }
}
