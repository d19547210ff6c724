import { checkOptions } from '@mlpkit/tensor';
import type { SearchResult } from './search-result.js';
import type { TrialRecord } from './trial-record.js';

/** The trials best first: scored trials that ran to the end, then those stopped early, then the rest by index. */
export function rankTrials<P>(result: SearchResult<P>): TrialRecord<P>[] {
  const group = (t: TrialRecord<P>): number => (t.status === 'ok' ? 0 : t.status === 'stopped' ? 1 : 2);
  const sign = result.mode === 'max' ? -1 : 1;
  return [...result.trials].sort((a, b) => group(a) - group(b)
    || (a.score !== null && b.score !== null ? sign * (a.score - b.score) : 0) || a.index - b.index);
}

function cell(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

/** The ranked trials as a text table: rank, score, status, each hyperparameter that varies, and why a trial has no score or stopped. */
export function formatResultsTable<P>(result: SearchResult<P>, options: { top?: number } = {}): string {
  checkOptions('formatResultsTable', options, ['top']);
  const ranked = rankTrials(result).slice(0, options.top ?? result.trials.length);
  // A hyperparameter with one value in every trial is a setting, not a result: left out.
  const varies = (k: string): boolean => result.trials.length < 2 || new Set(result.trials.map((t) => JSON.stringify((t.params as Record<string, unknown>)[k]))).size > 1;
  const keys = [...new Set(ranked.flatMap((t) => Object.keys(t.params as object)))].filter(varies);
  const rows = ranked.map((t, i) => [
    String(i + 1), t.score === null ? '-' : t.score.toFixed(4), t.status, String(t.index),
    ...keys.map((k) => cell((t.params as Record<string, unknown>)[k])),
    t.stoppedEarly ? `${t.stoppedEarly.rule} at epoch ${t.stoppedEarly.epoch} (${t.stoppedEarly.value.toFixed(4)} vs ${t.stoppedEarly.cutoff.toFixed(4)})` : (t.error ?? ''),
  ]);
  const head = ['rank', 'score', 'status', 'trial', ...keys, 'note'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((s, c) => (c === r.length - 1 ? s : s.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
