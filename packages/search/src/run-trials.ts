import { checkOptions } from '@mlpkit/tensor';
import type { TrialSpec } from './space.js';
import { type SearchResult, searchResult } from './search-result.js';
import type { TrialRecord } from './trial-record.js';

/** How {@link runTrials} runs the specs it is given. */
export interface RunTrialsOptions<P> {
  /** Runs one trial to its record (in this thread, on a worker thread, or through a queue). */
  execute(spec: TrialSpec<P>): Promise<TrialRecord<P>>;
  /** Trials in flight at once. */
  concurrency: number;
  /** Trials already finished (resumed), kept as they are. */
  done?: TrialRecord<P>[];
  mode: 'min' | 'max';
  /** Called once per newly finished trial, in finishing order (e.g. to append it to the results file). */
  onRecord?(record: TrialRecord<P>): void | Promise<void>;
}

const RUN_TRIALS_OPTIONS = ['execute', 'concurrency', 'done', 'mode', 'onRecord'] as const satisfies readonly (keyof RunTrialsOptions<unknown>)[];

/**
 * Runs every spec not already in `done`, at most `concurrency` at a time, and collects the
 * records. Each index is recorded once, however many times an executor reports it.
 */
export async function runTrials<P>(specs: TrialSpec<P>[], options: RunTrialsOptions<P>): Promise<SearchResult<P>> {
  checkOptions('runTrials', options, RUN_TRIALS_OPTIONS);
  const done = new Map((options.done ?? []).map((r) => [r.index, r]));
  const resumed = specs.filter((s) => done.has(s.index)).length;
  const todo = specs.filter((s) => !done.has(s.index));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < todo.length) {
      const spec = todo[next++];
      const record = await options.execute(spec);
      if (done.has(record.index)) continue;
      done.set(record.index, record);
      await options.onRecord?.(record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, lane));
  const wanted = new Set(specs.map((s) => s.index));
  return searchResult([...done.values()].filter((r) => wanted.has(r.index)), resumed, options.mode);
}
