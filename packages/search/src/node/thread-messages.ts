import type { TrialSpec } from '../space.js';
import type { EarlyStop, TrialRecord } from '../trial-record.js';

/** Parent → thread: run a trial, or the answer to a report. */
export type ToThread = { type: 'run'; spec: TrialSpec } | { type: 'decision'; id: number; stop: EarlyStop | null };

/** Thread → parent: a per-epoch report awaiting a decision, or a finished trial. */
export type FromThread =
  | { type: 'report'; id: number; index: number; epoch: number; value: number }
  | { type: 'done'; record: TrialRecord };
