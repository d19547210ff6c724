import type { TrialSpec } from '../space.js';
import type { EarlyStop, TrialRecord } from '../trial-record.js';

/**
 * Pool → trial runner (a worker thread or a child process): run a trial (after the ones already
 * sent), the answer to a report, take back a trial sent but not started, or (from
 * `runnerFingerprint`, not a pool) take the trial module's fingerprint.
 */
export type ToRunner =
  | { type: 'run'; spec: TrialSpec }
  | { type: 'decision'; id: number; stop: EarlyStop | null }
  | { type: 'cancel'; index: number }
  | { type: 'fingerprint' };

/**
 * Trial runner → pool: a trial starts (its time limit runs from here), a per-epoch report awaiting
 * a decision, a finished trial, a cancelled one that never started, or one that could not start
 * because the trial module did not load (or its `setup()` threw); or the trial module's
 * fingerprint, or why the module could not be loaded to take it.
 */
export type FromRunner =
  | { type: 'started'; index: number }
  | { type: 'report'; id: number; index: number; epoch: number; value: number }
  | { type: 'done'; record: TrialRecord }
  | { type: 'cancelled'; index: number }
  | { type: 'unloadable'; index: number; error: string }
  | { type: 'fingerprint'; print: string }
  | { type: 'unfingerprinted'; error: string };

/** The runner's end of its channel to the pool: `parentPort` in a thread, `process.send` in a child process. */
export interface TrialPort {
  post(msg: FromRunner): void;
  listen(handler: (msg: ToRunner) => void): void;
}
