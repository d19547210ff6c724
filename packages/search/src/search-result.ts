import { type TrialRecord, isBetter } from './trial-record.js';

/** How many trials ended which way, for the summary line. */
export interface SearchCounts {
  total: number;
  /** Finished in an earlier run and read back from the results file. */
  resumed: number;
  /** Run this time. */
  run: number;
  ok: number;
  diverged: number;
  failed: number;
  stopped: number;
}

/** What a search returns: every trial by index, the best one, and the counts. */
export interface SearchResult<P = Record<string, unknown>> {
  trials: TrialRecord<P>[];
  /** The best scored trial that ran to the end, else the best scored one; undefined when none scored. */
  best: TrialRecord<P> | undefined;
  mode: 'min' | 'max';
  counts: SearchCounts;
}

/** Builds the result from all records (sorted by index) and how many were resumed. */
export function searchResult<P>(records: TrialRecord<P>[], resumed: number, mode: 'min' | 'max'): SearchResult<P> {
  const trials = [...records].sort((a, b) => a.index - b.index);
  const pick = (list: TrialRecord<P>[]): TrialRecord<P> | undefined =>
    list.reduce<TrialRecord<P> | undefined>((best, t) => (isBetter(t.score, best?.score ?? null, mode) ? t : best), undefined);
  const count = (s: string): number => trials.filter((t) => t.status === s).length;
  return {
    trials, mode,
    best: pick(trials.filter((t) => t.status === 'ok')) ?? pick(trials),
    counts: {
      total: trials.length, resumed, run: trials.length - resumed,
      ok: count('ok'), diverged: count('diverged'), failed: count('failed'), stopped: count('stopped'),
    },
  };
}

/** The summary line: `search: T trials (R resumed, N run, D diverged, F failed, S stopped early)`. */
export function summaryLine(result: SearchResult<unknown>): string {
  const c = result.counts;
  return `search: ${c.total} trials (${c.resumed} resumed, ${c.run} run, ${c.diverged} diverged, ${c.failed} failed, ${c.stopped} stopped early)`;
}
