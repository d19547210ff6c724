import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { EarlyStop } from './trial-record.js';

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018): at each rung (epochs completed), a
 * trial goes on only if it is in the top 1/`reductionFactor` of the trials that reached that rung.
 */
export interface AshaOptions {
  rule: 'asha';
  /** Epochs at which trials are compared, e.g. [1, 3, 9]. */
  rungs: readonly number[];
  /** η: keep the best 1/η at each rung (default 3). */
  reductionFactor?: number;
}

/** The median stopping rule: stop a trial whose metric is worse than the median of other trials at the same epoch. */
export interface MedianOptions {
  rule: 'median';
  /** Other trials that must have reported an epoch before the rule applies to it (default 5, as Optuna's MedianPruner). */
  startupTrials?: number;
  /** Epochs during which no trial is stopped (default 0). */
  warmupEpochs?: number;
}

/** How poor trials are stopped early; leave unset to run every trial to the end. */
export type PruningOptions = AshaOptions | MedianOptions;

/** Validates pruning options, refusing unknown rules and keys. */
export function checkPruning(op: string, p: unknown): PruningOptions | undefined {
  if (p === undefined) return undefined;
  if (typeof p !== 'object' || p === null) throw new MlpkitError(op, `pruning: expected { rule: 'asha' | 'median', ... }, got ${String(p)}`);
  const rule = (p as { rule?: unknown }).rule;
  if (rule === 'asha') {
    checkOptions(`${op}: pruning`, p, ['rule', 'rungs', 'reductionFactor']);
    const { rungs, reductionFactor = 3 } = p as AshaOptions;
    if (!Array.isArray(rungs) || rungs.length === 0 || rungs.some((r, i) => !Number.isInteger(r) || r < 1 || (i > 0 && r <= rungs[i - 1]))) {
      throw new MlpkitError(op, `pruning.rungs: expected increasing whole numbers of epochs >= 1, e.g. [1, 3, 9], got ${JSON.stringify(rungs)}`);
    }
    if (!(reductionFactor > 1)) throw new MlpkitError(op, `pruning.reductionFactor: expected a number > 1, got ${reductionFactor}`);
    return { rule, rungs: [...rungs], reductionFactor };
  }
  if (rule === 'median') {
    checkOptions(`${op}: pruning`, p, ['rule', 'startupTrials', 'warmupEpochs']);
    const { startupTrials = 5, warmupEpochs = 0 } = p as MedianOptions;
    if (!Number.isInteger(startupTrials) || startupTrials < 1) throw new MlpkitError(op, `pruning.startupTrials: expected an integer >= 1, got ${startupTrials}`);
    if (!Number.isInteger(warmupEpochs) || warmupEpochs < 0) throw new MlpkitError(op, `pruning.warmupEpochs: expected an integer >= 0, got ${warmupEpochs}`);
    return { rule, startupTrials, warmupEpochs };
  }
  throw new MlpkitError(op, `pruning.rule: expected 'asha' or 'median', got ${JSON.stringify(rule)}`);
}

/**
 * Decides whether a trial whose metric is `value` after `epoch` epochs stops, given `others`:
 * the values other trials reported at that epoch. Returns the stop record, or null to go on.
 */
export function pruneDecision(p: PruningOptions, mode: 'min' | 'max', epoch: number, value: number, others: number[]): EarlyStop | null {
  const worse = (a: number, b: number): boolean => (mode === 'max' ? a < b : a > b);
  if (p.rule === 'asha') {
    if (!p.rungs.includes(epoch)) return null;
    const all = [...others, value].sort((a, b) => (mode === 'max' ? b - a : a - b));
    const keep = Math.max(1, Math.floor(all.length / (p.reductionFactor ?? 3)));
    const cutoff = all[keep - 1];
    return worse(value, cutoff) ? { rule: 'asha', epoch, value, cutoff } : null;
  }
  if (epoch <= (p.warmupEpochs ?? 0) || others.length < (p.startupTrials ?? 5)) return null;
  const sorted = [...others].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return worse(value, median) ? { rule: 'median', epoch, value, cutoff: median } : null;
}

/** Where trials' per-epoch metrics are kept so that pruning can compare them (memory here; Redis across machines). */
export interface ReportStore {
  /** Records trial `index`'s `value` at `epoch` and returns the other trials' values at that epoch. */
  record(index: number, epoch: number, value: number): Promise<number[]>;
}

/** A {@link ReportStore} in this process's memory. */
export class MemoryReportStore implements ReportStore {
  private readonly byEpoch = new Map<number, Map<number, number>>();

  async record(index: number, epoch: number, value: number): Promise<number[]> {
    let row = this.byEpoch.get(epoch);
    if (!row) this.byEpoch.set(epoch, (row = new Map()));
    row.set(index, value);
    return [...row].filter(([i]) => i !== index).map(([, v]) => v);
  }
}

/** Something that answers a trial's report with a stop record or null. */
export type Reporter = (index: number, epoch: number, value: number) => Promise<EarlyStop | null>;

/** The reporter that applies `pruning` (or never stops when it is undefined) over `store`. */
export function makeReporter(pruning: PruningOptions | undefined, mode: 'min' | 'max', store: ReportStore): Reporter {
  return async (index, epoch, value) => {
    const others = await store.record(index, epoch, value);
    return pruning ? pruneDecision(pruning, mode, epoch, value, others) : null;
  };
}
