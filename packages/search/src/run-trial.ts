import { MlpkitError } from '@mlpkit/tensor';
import { type Callback, TrainingDivergedError } from '@mlpkit/train';
import type { Reporter } from './pruning.js';
import type { TrialSpec } from './space.js';
import type { EarlyStop, TrialRecord } from './trial-record.js';

/** What a trial function receives besides its hyperparameters. */
export interface TrialContext {
  /** The trial's position in the search. */
  readonly index: number;
  /** The trial's seed; the runner has already called `manualSeed(seed)` before the trial starts. */
  readonly seed: number;
  /**
   * Reports the metric after `epoch` epochs (1 after the first). Resolves to false when the trial
   * must stop now: it was judged poor (pruning) or its metric is NaN. Return from the trial then.
   */
  report(epoch: number, value: number): Promise<boolean>;
  /** A `fit` callback that reports `logs[monitor]` after each epoch and stops `fit` when {@link report} says so. */
  callback(monitor?: string): Callback;
}

/** A trial: trains with `params` and returns its score (e.g. the best validation accuracy). */
export type TrialFunction<P = Record<string, unknown>> = (params: P, ctx: TrialContext) => number | Promise<number>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one trial and turns every way it can end into a record: a score, a divergence (the fit
 * loop's 3× rule, or a NaN metric), a thrown error, or an early stop by `reporter`. It never throws,
 * so one bad configuration never ends a search.
 */
export async function runTrial<P>(trial: TrialFunction<P>, spec: TrialSpec<P>, reporter: Reporter): Promise<TrialRecord<P>> {
  const start = Date.now();
  const reports: Record<string, number | null> = {};
  let stoppedEarly: EarlyStop | undefined;
  let diverged: string | undefined;
  const report = async (epoch: number, value: number): Promise<boolean> => {
    if (!Number.isInteger(epoch) || epoch < 1) throw new MlpkitError('report', `epoch must be an integer >= 1 (epochs completed), got ${epoch}`);
    reports[epoch] = Number.isFinite(value) ? value : null;
    if (!Number.isFinite(value)) diverged ??= `metric became ${value} after epoch ${epoch}; trial stopped`;
    if (diverged || stoppedEarly) return false;
    stoppedEarly = (await reporter(spec.index, epoch, value)) ?? undefined;
    return !stoppedEarly;
  };
  const ctx: TrialContext = {
    index: spec.index, seed: spec.seed, report,
    callback: (monitor = 'valAccuracy') => ({
      async onEpochEnd(epoch, logs, train) {
        const value = (logs as Record<string, number | undefined>)[monitor];
        if (typeof value !== 'number') throw new MlpkitError('search', `the trial's callback monitors '${monitor}', which this epoch's logs do not have (${Object.keys(logs).join(', ')})`);
        if (!(await report(epoch + 1, value))) train.stop(diverged ? 'diverged' : 'pruned', diverged ?? 'stopped early as a poor trial');
      },
    }),
  };
  const base = { index: spec.index, params: spec.params, seed: spec.seed, reports };
  let score: unknown;
  try {
    score = await trial(spec.params, ctx);
  } catch (error) {
    const status = error instanceof TrainingDivergedError ? 'diverged' : 'failed';
    return { ...base, status, score: null, error: message(error), ms: Date.now() - start };
  }
  if (diverged) return { ...base, status: 'diverged', score: null, error: diverged, ms: Date.now() - start };
  if (typeof score !== 'number') {
    return { ...base, status: 'failed', score: null, error: `the trial returned ${typeof score}; expected its score as a number`, ms: Date.now() - start };
  }
  if (!Number.isFinite(score)) return { ...base, status: 'diverged', score: null, error: `score is ${score}`, ms: Date.now() - start };
  return stoppedEarly
    ? { ...base, status: 'stopped', score, stoppedEarly, ms: Date.now() - start }
    : { ...base, status: 'ok', score, ms: Date.now() - start };
}
