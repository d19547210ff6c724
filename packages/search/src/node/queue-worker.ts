import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { DelayedError, type Job, WaitingError, Worker } from 'bullmq';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { makeReporter } from '../pruning.js';
import type { TrialRecord } from '../trial-record.js';
import type { QueueTuning, TrialJob } from './queue-job.js';
import { checkRedis, redisClient } from './redis-connection.js';
import { RedisReportStore } from './redis-report-store.js';
import { type Isolation, checkIsolation, openPool } from './isolation.js';
import { runnerFingerprint } from './runner-fingerprint.js';
import { TrialNotRunError } from './trial-not-run-error.js';
import type { TrialPool } from './trial-pool.js';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  redis: string;
  /** The BullMQ queue's name (default 'mlpkit-search'). */
  queue?: string;
  /** Trials at once, each in its own trial process or thread (default 1). */
  threads?: number;
  /** 'process' (default) or 'thread': see `runSearch`'s option. */
  isolation?: Isolation;
  /** Where relative module paths of jobs are looked up (default: the working directory). */
  cwd?: string;
  tuning?: QueueTuning;
  /** Called, with the search's id, when the worker refuses a search whose code or data differ from this machine's copy. */
  onRefuse?: (message: string, search: string) => void;
  /** Progress lines (trial started/finished); default silent. */
  log?: (line: string) => void;
}

const WORKER_OPTIONS = [
  'redis', 'queue', 'threads', 'isolation', 'cwd', 'tuning', 'onRefuse', 'log',
] as const satisfies readonly (keyof QueueWorkerOptions)[];

/** A running queue worker. */
export interface QueueWorker {
  /**
   * Finishes the trials in flight and stops; with `force`, stops them now and gives them back to
   * the queue, where another worker (or this one started again) runs them. A program stopping its
   * worker on a signal calls `close(true)` from its handler: a trial process that the same signal
   * killed (sent to the whole process group or control group) is then given back too, not failed.
   */
  close(force?: boolean): Promise<void>;
}

interface Prepared {
  pool: TrialPool;
  abs: string;
  /** The fingerprint of this machine's copy of the trial module and its data... */
  print?: string;
  /** ...or why the module could not be loaded to take it. */
  unloadable?: string;
}

/**
 * Pulls trials from the BullMQ queue and runs each in a trial process (or worker thread), returning
 * its record through the queue. Trials run off the main thread so that BullMQ's lock renewal keeps going;
 * a killed worker's lock expires and another worker takes the trial (stalled-job recovery).
 */
export function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  return openQueueWorker(options);
}

/**
 * {@link startQueueWorker}, given the fingerprints already taken of trial modules (absolute path
 * → fingerprint): a coordinator's own worker takes its search's from the coordinator rather than
 * starting a trial runner for it again.
 */
export async function openQueueWorker(options: QueueWorkerOptions, known: ReadonlyMap<string, string> = new Map()): Promise<QueueWorker> {
  checkOptions('startQueueWorker', options, WORKER_OPTIONS);
  await checkRedis('mlpkit-search worker', options.redis);
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new MlpkitError('mlpkit-search worker', `threads must be an integer >= 1, got ${threads}`);
  const isolation = checkIsolation('mlpkit-search worker', options.isolation);
  const connection = redisClient(options.redis);
  const reports = redisClient(options.redis);
  const searches = new Map<string, Promise<Prepared>>();
  const log = options.log ?? (() => {});
  const me = `${hostname()}:${process.pid}`;

  const prepare = async (data: TrialJob): Promise<Prepared> => {
    const abs = resolve(options.cwd ?? process.cwd(), data.module);
    // Taken in a trial runner: this thread never imports the trial module, which may be the
    // coordinator's program too (it would start the search again here).
    const given = known.get(abs);
    const taken = given !== undefined ? { print: given } : await runnerFingerprint(isolation, abs).then(
      (print) => ({ print }), (error: unknown) => ({ unloadable: error instanceof Error ? error.message : String(error) }));
    const reporter = makeReporter(data.pruning, data.mode, new RedisReportStore(reports, data.search));
    return { pool: openPool(isolation, threads, abs, reporter, { trialTimeoutMs: data.trialTimeoutMs }), abs, ...taken };
  };

  /** Puts the job off for a moment, for another worker, and tells the owner: this machine cannot run the search's trials. */
  const refuse = async (job: Job<TrialJob>, token: string | undefined, why: string): Promise<never> => {
    const message = `mlpkit-search worker: refusing the trials of search ${job.data.search}: ${why}`;
    await job.moveToDelayed(Date.now() + 1000, token);
    options.onRefuse?.(message, job.data.search);
    throw new DelayedError(message);
  };

  const process_ = async (job: Job<TrialJob>, token?: string): Promise<TrialRecord> => {
    const data = job.data;
    let prepared = searches.get(data.search);
    if (!prepared) searches.set(data.search, (prepared = prepare(data)));
    const { pool, print, unloadable, abs } = await prepared;
    if (unloadable !== undefined) return refuse(job, token, `${unloadable}. Fix this machine's copy, then start the worker again.`);
    if (print !== data.fingerprint) {
      return refuse(job, token, `its trial module ${data.module} and data have fingerprint ${data.fingerprint}, ` +
        `but this machine's copy (${abs}) has ${print}, so it has different code or data. Give this machine the same module and data, then start the worker again.`);
    }
    log(`trial ${data.spec.index} started (search ${data.search})`);
    let record: TrialRecord;
    try {
      record = await pool.run(data.spec);
    } catch (error) {
      if (error instanceof TrialNotRunError && error.reason === 'unloadable') return refuse(job, token, `${error.detail}. Fix this machine's copy, then start the worker again.`);
      // Interrupted (Ctrl-C) or stopped by close(true): nothing wrong with the trial, so it runs again.
      const why = error instanceof Error ? error.message : String(error);
      log(`trial ${data.spec.index} goes back to the queue (${why})`);
      await job.moveToWait(token);
      throw new WaitingError(why);
    }
    log(`trial ${data.spec.index} ${record.status}${record.score === null ? '' : ` ${record.score}`}`);
    return { ...record, worker: me };
  };

  // The jobs being processed: a forced close waits (a moment) for them to go back to the queue.
  const inFlight = new Set<Promise<TrialRecord>>();
  let stopping = false;
  // A closing BullMQ worker retries finishing a job against a dead Redis without pause, a core
  // spinning forever: a job that ends while this worker stops without Redis is not handed back
  // to BullMQ. Its lock expires, and the stalled-job check gives the trial to another worker.
  const unfinishable = () => stopping && connection.status !== 'ready';
  const tracked = (job: Job<TrialJob>, token?: string): Promise<TrialRecord> => {
    const run = process_(job, token);
    inFlight.add(run);
    return run.finally(() => inFlight.delete(run)).then(
      (record) => (unfinishable() ? new Promise<never>(() => {}) : record),
      (error: unknown) => (unfinishable() && !(error instanceof WaitingError || error instanceof DelayedError) ? new Promise<never>(() => {}) : Promise.reject(error)),
    );
  };
  const t = options.tuning ?? {};
  const worker = new Worker<TrialJob, TrialRecord>(options.queue ?? 'mlpkit-search', tracked, {
    connection, concurrency: threads, autorun: true,
    lockDuration: t.lockDuration ?? 30_000, stalledInterval: t.stalledInterval ?? 30_000, maxStalledCount: t.maxStalledCount ?? 3,
  });
  let lastError = 0;
  worker.on('error', (e) => {
    if (Date.now() - lastError > 10_000) log(`redis: ${e.message} (retrying)`);
    lastError = Date.now();
  });
  await worker.waitUntilReady();
  return {
    async close(force = false) {
      stopping = true;
      // With Redis gone, BullMQ waits for it (and, not forced, retries finishing a job in a tight
      // loop): a forced close gives each step two seconds.
      const atMost = (step: Promise<unknown>) => (force ? Promise.race([step, new Promise((r) => setTimeout(r, 2000))]) : step);
      if (force) {
        // Stop the running trials first, every pool at once: their jobs go back to the queue
        // (process_), and so does a trial whose process the signal stopping this worker (sent to
        // its whole group) killed first, which its pool holds a moment before failing it. Then
        // take no new trial.
        const closing = Promise.all([...searches.values()].map(async (p) => (await p).pool.close()));
        await atMost(worker.pause(true));
        await closing;
        await atMost(Promise.allSettled(inFlight));
      }
      await atMost(worker.close(force));
      for (const p of searches.values()) await (await p).pool.close();
      connection.disconnect();
      reports.disconnect();
    },
  };
}
