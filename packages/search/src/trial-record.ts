/** How a trial ended: scored, diverged (NaN or the 3× rule), threw, or was stopped early as a poor trial. */
export type TrialStatus = 'ok' | 'diverged' | 'failed' | 'stopped';

/** Where and why a poor trial was stopped early. */
export interface EarlyStop {
  rule: 'asha' | 'median';
  /** Epochs the trial had completed when it was stopped. */
  epoch: number;
  /** The trial's metric at that epoch. */
  value: number;
  /** The value it had to reach to go on (the rung's top-1/η cut, or the median of other trials). */
  cutoff: number;
}

/** One finished trial, as written to the JSONL results file (one line each). */
export interface TrialRecord<P = Record<string, unknown>> {
  index: number;
  params: P;
  seed: number;
  status: TrialStatus;
  /** The trial's metric; null when it diverged or failed. */
  score: number | null;
  /** Why there is no score: the divergence message or the error thrown. */
  error?: string;
  /** Set when status is 'stopped'. */
  stoppedEarly?: EarlyStop;
  /** The metric the trial reported after each epoch, keyed by epochs completed. */
  reports: Record<string, number | null>;
  /** Wall time of the trial in milliseconds. */
  ms: number;
  /** Who ran it (`host:pid` for queue workers). */
  worker?: string;
}

/** Whether `a` is better than `b` in `mode` (a NaN/null is never better). */
export function isBetter(a: number | null, b: number | null, mode: 'min' | 'max'): boolean {
  if (a === null || Number.isNaN(a)) return false;
  if (b === null || Number.isNaN(b)) return true;
  return mode === 'max' ? a > b : a < b;
}
