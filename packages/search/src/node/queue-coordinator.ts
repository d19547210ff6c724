import { Queue } from 'bullmq';
import { MlpkitError } from '@mlpkit/tensor';
import type { PruningOptions } from '../pruning.js';
import { type SearchResult, searchResult } from '../search-result.js';
import type { TrialSpec } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import { type QueueTuning, type TrialJob, jobId, searchId } from './queue-job.js';
import { checkReturnedRecord } from './check-trial-record.js';
import type { Isolation } from './isolation.js';
import { openQueueWorker } from './queue-worker.js';
import { checkRedis, redisClient } from './redis-connection.js';
import { RedisReportStore } from './redis-report-store.js';
import { portablePath } from './trial-module.js';

/** What {@link runOnQueue} needs from `runSearch`. */
export interface QueueRunOptions {
  redis: string;
  queue?: string;
  /** Absolute path of the trial module. */
  module: string;
  fingerprint: string;
  mode: 'min' | 'max';
  pruning?: PruningOptions;
  trialTimeoutMs?: number;
  /** Trial runners of this process's own queue worker; 0 for none. */
  workers: number;
  isolation: Isolation;
  done: TrialRecord[];
  onRecord(record: TrialRecord): void;
  tuning?: QueueTuning;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `work`, or a rejection after `ms`: commands to an absent Redis wait in the client's queue, so nothing else would end them. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a finished job says of its trial. A worker's record comes through Redis, so it is checked
 * as a results file's line is; one that is not a record of this trial fails the trial, with the
 * reason, rather than entering the results file that a resumed search reads.
 */
function jobRecord(id: string, returned: unknown, failedReason: string | undefined, spec: TrialSpec): TrialRecord {
  const failed = (error: string): TrialRecord => ({ ...spec, status: 'failed', score: null, error, reports: {}, ms: 0 });
  if (returned === null || returned === undefined) return failed(`the queue failed the trial: ${failedReason}`);
  try {
    return checkReturnedRecord(`queue job ${id}`, returned, spec);
  } catch (error) {
    if (!(error instanceof MlpkitError)) throw error;
    return failed(`its worker returned no valid record: ${error.message.slice(error.op.length + 2)}`);
  }
}

/**
 * The coordinator: puts each unfinished trial on the queue as a job with a stable id, collects
 * finished jobs (each index recorded once, then the job removed), and queues again any job that
 * vanished because Redis restarted empty. It stops with a clear error when Redis stays away.
 */
export async function runOnQueue(specs: TrialSpec[], o: QueueRunOptions): Promise<SearchResult> {
  await checkRedis('runSearch', o.redis);
  const t = o.tuning ?? {};
  const search = searchId(o.fingerprint, specs, o.mode, o.pruning);
  const connection = redisClient(o.redis);
  const queue = new Queue<TrialJob, TrialRecord>(o.queue ?? 'mlpkit-search', { connection });
  queue.on('error', () => {});
  const records = new Map(o.done.map((r) => [r.index, r]));
  // Its own worker refusing this search's trials (its trial runners cannot load the module, say)
  // would put them off forever: stop instead. Other searches on the same queue are not its to judge.
  let refused: string | undefined;
  const onRefuse = (message: string, of: string): void => void (of === search && (refused ??= message));
  const local = o.workers > 0
    ? await openQueueWorker({ redis: o.redis, queue: o.queue, threads: o.workers, isolation: o.isolation, tuning: t, onRefuse }, new Map([[o.module, o.fingerprint]]))
    : undefined;
  const job = (spec: TrialSpec) => ({
    name: 'trial', data: { search, module: portablePath(o.module), fingerprint: o.fingerprint, mode: o.mode, pruning: o.pruning, trialTimeoutMs: o.trialTimeoutMs, spec },
    opts: { jobId: jobId(search, spec.index), attempts: 1, removeOnComplete: false, removeOnFail: false },
  });
  const pending = (): TrialSpec[] => specs.filter((s) => !records.has(s.index));
  try {
    if (o.pruning) {
      const store = new RedisReportStore(connection, search);
      for (const r of o.done) for (const [e, v] of Object.entries(r.reports)) if (v !== null) await store.record(r.index, Number(e), v);
    }
    await queue.addBulk(pending().map(job));
    let lastOk = Date.now();
    let lastSweep = Date.now();
    while (pending().length > 0) {
      await sleep(t.pollMs ?? 100);
      if (refused) throw new MlpkitError('runSearch', `this process's own queue worker stopped: ${refused}`);
      const timeout = t.redisTimeoutMs ?? 60_000;
      try {
        for (const j of await within(timeout, queue.getJobs(['completed', 'failed']))) {
          if (!j?.id?.startsWith(`${search}-`)) continue;
          // The trial is the one this coordinator queued under the job's id, not what the job's data says now.
          const spec = specs.find((s) => j.id === jobId(search, s.index));
          if (spec && !records.has(spec.index)) {
            const record = jobRecord(j.id, j.returnvalue, j.failedReason, spec);
            records.set(spec.index, record);
            o.onRecord(record);
          }
          await within(timeout, j.remove());
        }
        if (Date.now() - lastSweep > Math.max(1000, 10 * (t.pollMs ?? 100))) {
          lastSweep = Date.now();
          const lost: TrialSpec[] = [];
          for (const s of pending()) if ((await within(timeout, queue.getJobState(jobId(search, s.index)))) === 'unknown') lost.push(s);
          if (lost.length > 0) await within(timeout, queue.addBulk(lost.map(job))); // Redis restarted without its data
        }
        lastOk = Date.now();
      } catch (error) {
        if (Date.now() - lastOk >= timeout) {
          throw new MlpkitError('runSearch', `lost Redis at ${o.redis} for ${Math.round((Date.now() - lastOk) / 1000)} s (${error instanceof Error ? error.message : String(error)}); ` +
            `${records.size} finished trials are kept; run the same search again to resume`);
        }
      }
    }
  } finally {
    // Closing waits on Redis; when it is gone, give up after a moment and drop the connection.
    await within(2000, Promise.all([local?.close(true), queue.close()])).catch(() => {});
    connection.disconnect();
  }
  return searchResult([...records.values()].filter((r) => r.index < specs.length), o.done.length, o.mode);
}
