import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridSearch } from '../search.js';
import { summaryLine } from '../search-result.js';
import type { TrialJob } from './queue-job.js';
import { startQueueWorker } from './queue-worker.js';
import { redisClient } from './redis-connection.js';
import { freePort, hasRedis, startRedis, type TestRedis } from './redis-server.test-helper.js';
import { COORDINATOR, CLI, type Spawned, isAlive, marksOf, spawnTs, until } from './processes.test-helper.js';
import { readResults } from './results-file.js';
import { runSearch } from './run-search.js';
import { trial } from './toy-trial.test-helper.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
const FAST = { pollMs: 50, lockDuration: 1500, stalledInterval: 500 };
const WORKER_FLAGS = ['--threads', '1', '--lock-duration', '1500', '--stalled-interval', '500', '--quiet'];
const grid = (n: number, waitMs: number) => ({ lr: Array.from({ length: n }, (_, i) => 0.02 * (i + 1)), waitMs: [waitMs] });

if (!hasRedis) console.warn('queue tests skipped: redis-server is not installed (scripts/setup.sh installs it)');

// Generous timeouts: these tests start processes and threads, slow on a busy machine (seconds each on an idle one).
describe.skipIf(!hasRedis)('search on a BullMQ queue', { timeout: 180_000 }, () => {
  let redis: TestRedis;
  const dir = mkdtempSync(join(tmpdir(), 'mlpkit-queue-'));
  const spawned: Spawned[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const s of spawned) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
    await redis?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the URL when Redis is unreachable', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(runSearch({ module: MODULE, grid: grid(2, 0), redis: url })).rejects.toThrow(`runSearch: cannot reach Redis at ${url}`);
    await expect(startQueueWorker({ redis: url })).rejects.toThrow(`mlpkit-search worker: cannot reach Redis at ${url}`);
  });

  it('survives a worker SIGKILLed mid-trial: every trial finishes once, with the results of a local run', async () => {
    const marks = mkdtempSync(join(dir, 'marks-'));
    const results = join(dir, 'kill.jsonl');
    const workers = [0, 1, 2].map(() => spawnTs(CLI, ['worker', '--redis', redis.url, '--queue', 'kill', ...WORKER_FLAGS], { MLPKIT_SEARCH_MARKS: marks }));
    spawned.push(...workers);
    const search = runSearch({ module: MODULE, grid: grid(9, 500), seed: 7, mode: 'min', workers: 0, redis: redis.url, queue: 'kill', results, queueTuning: FAST });
    // Kill the first worker seen to start a trial, while that trial runs (in a trial process of that worker's).
    const first = await until('a trial to start', () => marksOf(marks)[0]).catch((e) => { throw new Error(`${e.message}: ${workers.map((w) => w.output()).join('\n')}`); });
    const victimIndex = first.index;
    const victim = workers.find((w) => w.proc.pid === first.ppid)!;
    expect(victim).toBeDefined();
    const victimPid = victim.proc.pid!;
    victim.proc.kill('SIGKILL');
    const result = await search;
    expect(await victim.exited).toBe(null);
    // Its trial process does not outlive it.
    await until('the killed worker\'s trial process to exit', () => !isAlive(first.pid), 10_000);
    for (const w of workers) w.proc.kill('SIGTERM');
    const lines = readResults(results);
    expect(lines.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(summaryLine(result)).toBe('search: 9 trials (0 resumed, 9 run, 0 diverged, 0 failed, 0 stopped early)');
    // The killed trial started twice (on the victim, then elsewhere) and was recorded once, from another worker.
    expect(marksOf(marks).filter((m) => m.index === victimIndex).length).toBeGreaterThanOrEqual(2);
    expect(lines.find((r) => r.index === victimIndex)!.worker).not.toMatch(new RegExp(`:${victimPid}$`));
    const here = await gridSearch(grid(9, 0), trial as never, { seed: 7, mode: 'min' });
    expect(result.trials.map((t) => t.score)).toEqual(here.trials.map((t) => t.score));
  });

  // Each worker in a process group of its own, as a terminal or a service manager starts it: the
  // signal reaches the worker and its trial processes.
  const groupStops = [
    { signal: 'SIGINT', queue: 'ctrl-c', how: 'Ctrl-C (SIGINT to its process group)', trialFirst: false },
    // A group's processes get a signal one after another (systemd's control-group stop, kill -TERM
    // -<pgid>): here the trial process first, reaped by its worker (its /proc entry gone) before the worker's own signal.
    { signal: 'SIGTERM', queue: 'term-group', how: 'SIGTERM to its process group (a service manager\'s stop), even when its trial process is seen to die first', trialFirst: true },
  ] as const;
  for (const { signal, queue, how, trialFirst } of groupStops)
    it(`gives back the trial of a worker stopped by ${how}: another worker runs it, and it is not recorded as failed`, async () => {
      const marks = mkdtempSync(join(dir, 'marks-'));
      const workers = [0, 1].map(() => spawnTs(CLI, ['worker', '--redis', redis.url, '--queue', queue, ...WORKER_FLAGS], { MLPKIT_SEARCH_MARKS: marks }, true));
      spawned.push(...workers);
      const search = runSearch({ module: MODULE, grid: grid(2, 600), seed: 5, mode: 'min', workers: 0, redis: redis.url, queue, queueTuning: FAST });
      const first = await until('a trial to start', () => marksOf(marks)[0]);
      const victim = workers.find((w) => w.proc.pid === first.ppid)!;
      if (trialFirst) {
        process.kill(first.pid, signal);
        await until('the worker to reap its trial process', () => !existsSync(`/proc/${first.pid}`), 10_000);
      }
      process.kill(-victim.proc.pid!, signal);
      expect(await victim.exited).toBe(0);
      const result = await search;
      for (const w of workers) w.proc.kill('SIGTERM');
      expect(result.trials.map((t) => [t.status, t.error])).toEqual([['ok', undefined], ['ok', undefined]]);
      expect(result.trials[first.index].worker).not.toMatch(new RegExp(`:${victim.proc.pid}$`));
      expect(marksOf(marks).filter((m) => m.index === first.index)).toHaveLength(2);
    });

  it('fails the trial whose process alone is killed by SIGTERM (a watchdog\'s), and the worker goes on', async () => {
    const marks = mkdtempSync(join(dir, 'marks-'));
    const worker = spawnTs(CLI, ['worker', '--redis', redis.url, '--queue', 'term-one', ...WORKER_FLAGS], { MLPKIT_SEARCH_MARKS: marks }, true);
    spawned.push(worker);
    const search = runSearch({ module: MODULE, grid: grid(2, 600), seed: 5, mode: 'min', workers: 0, redis: redis.url, queue: 'term-one', queueTuning: FAST });
    const first = await until('a trial to start', () => marksOf(marks)[0]);
    process.kill(first.pid, 'SIGTERM');
    const result = await search;
    expect(worker.proc.exitCode).toBe(null);
    worker.proc.kill('SIGTERM');
    expect(result.trials.map((t) => t.status)).toEqual(first.index === 0 ? ['failed', 'ok'] : ['ok', 'failed']);
    expect(result.trials[first.index]).toMatchObject({ error: "the trial's process was killed by SIGTERM", worker: expect.stringMatching(new RegExp(`:${worker.proc.pid}$`)) });
    expect(marksOf(marks).filter((m) => m.index === first.index)).toHaveLength(1);
  });

  it('runs a search whose trial module is its own program (guarded by isTrialRunner()), on its own worker and on another', async () => {
    const self = fileURLToPath(new URL('./self-search.test-helper.ts', import.meta.url));
    const env = (queue: string, workers: number) => ({ MLPKIT_SEARCH_SELF: JSON.stringify({ redis: redis.url, queue, workers, queueTuning: FAST }) });
    const searches = [spawnTs(self, [], env('self-own', 1)), spawnTs(self, [], env('self-other', 0))];
    const worker = spawnTs(CLI, ['worker', '--redis', redis.url, '--queue', 'self-other', ...WORKER_FLAGS]);
    spawned.push(...searches, worker);
    await until('both searches to end', () => searches.every((s) => s.proc.exitCode !== null), 60_000)
      .catch((e: Error) => { throw new Error(`${e.message}: ${[...searches, worker].map((s) => s.output()).join('\n')}`); });
    for (const s of searches) {
      expect(s.proc.exitCode, s.output()).toBe(0);
      expect(s.output()).toContain('search: 3 trials (0 resumed, 3 run, 0 diverged, 0 failed, 0 stopped early) 6\n');
    }
    // The other worker served the trials, and ran no search of its own.
    expect(worker.proc.exitCode).toBe(null);
    expect(worker.output()).toBe('');
    worker.proc.kill('SIGTERM');
  });

  it('resumes after the coordinator is SIGKILLed: finished trials are not run again', async () => {
    const marks = mkdtempSync(join(dir, 'marks-'));
    const results = join(dir, 'resume.jsonl');
    const options = { module: MODULE, grid: grid(6, 300), seed: 3, mode: 'min', workers: 1, redis: redis.url, queue: 'resume', results, queueTuning: FAST } as const;
    const first = spawnTs(COORDINATOR, [JSON.stringify(options)], { MLPKIT_SEARCH_MARKS: marks });
    spawned.push(first);
    await until('two finished trials', () => readResults(results).length >= 2 || (first.proc.exitCode !== null && fail(first.output())));
    first.proc.kill('SIGKILL');
    await first.exited;
    const before = readResults(results).map((r) => r.index);
    const result = await runSearch({ ...options, mode: 'min' });
    expect(result.counts.resumed).toBe(before.length);
    expect(result.counts.total).toBe(6);
    expect(readResults(results).map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const i of before) expect(marksOf(marks).filter((m) => m.index === i)).toHaveLength(1);
  });

  it('refuses the trials of a search whose module differs on this machine, and loses none', async () => {
    const copyRoot = join(dirname(MODULE), '..', '..', `.refuse-test-${process.pid}`);
    try {
      const copy = join(copyRoot, relative(process.cwd(), MODULE));
      mkdirSync(dirname(copy), { recursive: true });
      writeFileSync(copy, readFileSync(MODULE, 'utf8').replace("'blobs(120, seed 0) v1'", "'blobs(120, seed 0) v2'"));
      const search = runSearch({ module: MODULE, grid: grid(2, 0), mode: 'min', workers: 0, redis: redis.url, queue: 'refuse', queueTuning: FAST });
      let refused: (m: string) => void = () => {};
      const message = new Promise<string>((resolve) => (refused = resolve));
      const stale = await startQueueWorker({ redis: redis.url, queue: 'refuse', cwd: copyRoot, tuning: FAST, onRefuse: (m) => refused(m) });
      expect(await message).toMatch(/^mlpkit-search worker: refusing the trials of search \w+: .* fingerprint (\w+), but this machine's copy \(.*\.refuse-test.*\) has (?!\1)\w+, so it has different code or data/);
      await stale.close(true);
      const good = await startQueueWorker({ redis: redis.url, queue: 'refuse', tuning: FAST });
      expect((await search).counts).toMatchObject({ total: 2, run: 2, ok: 2 });
      await good.close();
    } finally {
      rmSync(copyRoot, { recursive: true, force: true });
    }
  });

  it("stops when its own worker's trial runners cannot set up the trial module, and records no trial", async () => {
    const broken = fileURLToPath(new URL('./broken-trial.test-helper.ts', import.meta.url));
    const results = join(dir, 'broken.jsonl');
    process.env.MLPKIT_SEARCH_BROKEN = 'setup';
    try {
      await expect(runSearch({ module: broken, grid: grid(2, 0), workers: 1, redis: redis.url, queue: 'broken', results, queueTuning: FAST }))
        .rejects.toThrow(new RegExp(`^runSearch: this process's own queue worker stopped: .*refusing the trials of search \\w+: could not load the trial module ${broken}: no such backend on this machine`));
    } finally {
      delete process.env.MLPKIT_SEARCH_BROKEN;
    }
    expect(readResults(results)).toEqual([]);
  });

  it('fails a trial whose worker returned no valid record of it, instead of writing that into the results file', async () => {
    const results = join(dir, 'rogue.jsonl');
    const connection = redisClient(redis.url);
    // A worker of another program (or version) on the same queue: one record of the wrong trial, one that is no record.
    const rogue = new Worker<TrialJob>('rogue', async (job) => (job.data.spec.index === 0
      ? { index: 1, params: { lr: 0.04, waitMs: 0 }, seed: 1, status: 'ok', score: 0.5, reports: {}, ms: 1 }
      : { score: 'great' }), { connection });
    try {
      const result = await runSearch({ module: MODULE, grid: grid(2, 0), mode: 'min', workers: 0, redis: redis.url, queue: 'rogue', results, queueTuning: FAST });
      expect(result.trials.map((t) => t.status)).toEqual(['failed', 'failed']);
      const lines = readResults(results).sort((a, b) => a.index - b.index);
      expect(lines.map((r) => [r.index, r.status])).toEqual([[0, 'failed'], [1, 'failed']]);
      expect(lines[0].error).toMatch(/^its worker returned no valid record: queue job \w+-0: expected the record of trial 0 \(seed \d+\), got one of trial 1/);
      expect(lines[1].error).toMatch(/^its worker returned no valid record: queue job \w+-1\.index: expected an integer ≥ 0, got nothing/);
    } finally {
      await rogue.close();
      connection.disconnect();
    }
  });

  it('recovers when Redis restarts empty mid-search, keeping every finished trial', async () => {
    const results = join(dir, 'restart.jsonl');
    const search = runSearch({ module: MODULE, grid: grid(4, 400), mode: 'min', workers: 1, redis: redis.url, queue: 'restart', results, queueTuning: FAST });
    await until('a finished trial', () => readResults(results).length >= 1);
    await redis.stop();
    await redis.start();
    const result = await search;
    expect(result.counts).toMatchObject({ total: 4, run: 4, ok: 4 });
    expect(readResults(results).map((r) => r.index).sort()).toEqual([0, 1, 2, 3]);
  });
});

describe.skipIf(!hasRedis)('search on a BullMQ queue, Redis gone for good', { timeout: 180_000 }, () => {
  it('stops with a message naming the URL, every finished trial kept in the JSONL', async () => {
    const redis = await startRedis();
    const dir = mkdtempSync(join(tmpdir(), 'mlpkit-queue-'));
    try {
      const results = join(dir, 'gone.jsonl');
      const search = runSearch({ module: MODULE, grid: grid(4, 400), mode: 'min', workers: 1, redis: redis.url, results, queueTuning: { ...FAST, redisTimeoutMs: 1500 } });
      const failure = search.catch((e: Error) => e);
      await until('a finished trial', () => readResults(results).length >= 1);
      await redis.stop();
      const error = await failure;
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(new RegExp(`^runSearch: lost Redis at ${redis.url} for \\d+ s .*; \\d+ finished trials are kept; run the same search again to resume`));
      expect(readResults(results).length).toBeGreaterThanOrEqual(1);
      // Nothing of the search keeps running: a queue worker left retrying a dead Redis spins a core.
      const before = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 2000));
      const spent = process.cpuUsage(before);
      expect((spent.user + spent.system) / 1e6, 'seconds of CPU in 2 s of waiting').toBeLessThan(0.5);
    } finally {
      await redis.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function fail(output: string): never {
  throw new Error(`the coordinator exited early: ${output}`);
}

describe('startQueueWorker', () => {
  it('refuses an unknown option before reaching for Redis', async () => {
    await expect(startQueueWorker({ redis: 'redis://127.0.0.1:1', threadz: 2 } as never)).rejects.toThrow(/^startQueueWorker: unknown option 'threadz'/);
  });
});
