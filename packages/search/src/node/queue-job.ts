import { createHash } from 'node:crypto';
import type { PruningOptions } from '../pruning.js';
import type { TrialSpec } from '../space.js';

/** The data of one trial's BullMQ job: everything a worker on another machine needs, and the fingerprint it must match. */
export interface TrialJob {
  /** The search's id (a hash of its fingerprint and trials). */
  search: string;
  /** The trial module's path, relative to the worker's directory when the coordinator's was inside its own. */
  module: string;
  /** The hash of the module's source and data that the worker's copy must have. */
  fingerprint: string;
  mode: 'min' | 'max';
  pruning?: PruningOptions;
  /** The search's time limit per trial (`runSearch`'s `trialTimeoutMs`); none when absent. */
  trialTimeoutMs?: number;
  spec: TrialSpec;
}

/** Timing of the queue path; tests shorten them. */
export interface QueueTuning {
  /** How often the coordinator collects finished jobs (default 100 ms). */
  pollMs?: number;
  /** A worker's lock on a job; a killed worker's job is retried after it expires (BullMQ default 30 000 ms). */
  lockDuration?: number;
  /** How often workers look for stalled jobs (BullMQ default 30 000 ms). */
  stalledInterval?: number;
  /** Times a job may stall (its worker died) and still be retried (default 3). */
  maxStalledCount?: number;
  /** How long the coordinator waits for an unreachable Redis before stopping (default 60 000 ms). */
  redisTimeoutMs?: number;
}

/** The search's id: the same trials of the same code and data get the same id, so a restarted coordinator finds its jobs. */
export function searchId(fingerprint: string, specs: TrialSpec[], mode: string, pruning: PruningOptions | undefined): string {
  return createHash('sha256').update(JSON.stringify([fingerprint, specs, mode, pruning ?? null])).digest('hex').slice(0, 12);
}

/** A trial's job id: stable, so adding it again is a no-op while it exists. */
export function jobId(search: string, index: number): string {
  return `${search}-${index}`;
}
