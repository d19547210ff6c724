import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { logUniform, randint } from '../distributions.js';
import { randomSearch } from '../search.js';
import { summaryLine } from '../search-result.js';
import { COORDINATOR, isAlive, marksOf, spawnTs, until } from './processes.test-helper.js';
import { readResults } from './results-file.js';
import { runSearch } from './run-search.js';
import { trial } from './toy-trial.test-helper.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
const UNGUARDED = fileURLToPath(new URL('./unguarded-trial.test-helper.ts', import.meta.url));
const BROKEN = fileURLToPath(new URL('./broken-trial.test-helper.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpkit-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.MLPKIT_SEARCH_MARKS;
  delete process.env.MLPKIT_SEARCH_BROKEN;
});
/** A fresh directory for the toy trial's marks, passed to the trial runners through the environment. */
function marking(): string {
  const marks = mkdtempSync(join(dir, 'marks-'));
  process.env.MLPKIT_SEARCH_MARKS = marks;
  return marks;
}
const space = { lr: logUniform(0.01, 0.5), hidden: randint(4, 12) };

describe('runSearch in trial processes', { timeout: 120_000 }, () => {
  it('runs trials in two processes with the same results as in this thread, and resumes from its JSONL file', async () => {
    const results = join(dir, 'a.jsonl');
    const seen: number[] = [];
    const marks = marking();
    const a = await runSearch({ module: MODULE, space, trials: 5, seed: 4, mode: 'min', workers: 2, results, onTrial: (r) => seen.push(r.index) });
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    // Two child processes of this one, reused, and gone once the search is over.
    const pids = new Set(marksOf(marks).map((m) => m.pid));
    expect(pids.size).toBe(2);
    expect(marksOf(marks).every((m) => m.ppid === process.pid && m.pid !== process.pid)).toBe(true);
    expect([...pids].filter(isAlive)).toEqual([]);
    expect(new Set(a.trials.map((t) => t.status))).toEqual(new Set(['ok']));
    const here = await randomSearch(space, trial as never, { trials: 5, seed: 4, mode: 'min' });
    expect(a.trials.map((t) => t.score)).toEqual(here.trials.map((t) => t.score));
    expect(readFileSync(results, 'utf8').trim().split('\n')).toHaveLength(5);

    // A finished search reruns nothing; a trial whose line was torn by a kill runs again.
    const again = await runSearch({ module: MODULE, space, trials: 5, seed: 4, mode: 'min', workers: 2, results });
    expect(summaryLine(again)).toBe('search: 5 trials (5 resumed, 0 run, 0 diverged, 0 failed, 0 stopped early)');
    const lines = readFileSync(results, 'utf8').trim().split('\n');
    const torn = lines.find((l) => JSON.parse(l).index === 2) as string;
    writeFileSync(results, `${lines.filter((l) => l !== torn).join('\n')}\n${torn.slice(0, 30)}`);
    const resumed = await runSearch({ module: MODULE, space, trials: 6, seed: 4, mode: 'min', workers: 1, results });
    expect(resumed.counts).toMatchObject({ total: 6, resumed: 4, run: 2 });
    expect(resumed.trials[2].score).toBe(a.trials[2].score);
    const parsed = readFileSync(results, 'utf8').trim().split('\n').flatMap((l) => { try { return [JSON.parse(l).index]; } catch { return []; } });
    expect(parsed.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('records a diverged and a failed trial with their reasons and goes on', async () => {
    const r = await runSearch({ module: MODULE, grid: { lr: [0.1, 1e4], throw: [false, true] }, mode: 'min', workers: 2 });
    expect(r.trials.map((t) => t.status)).toEqual(['ok', 'failed', 'diverged', 'failed']);
    expect(r.trials[1].error).toBe('trial 1 broke on purpose');
    expect(r.trials[2].error).toMatch(/loss .*(became|more than 3×)/);
    expect(r.best?.index).toBe(0);
    expect(summaryLine(r)).toBe('search: 4 trials (0 resumed, 4 run, 1 diverged, 2 failed, 0 stopped early)');
  });

  it('fails a trial whose process exits and goes on in a new process', async () => {
    const marks = marking();
    const r = await runSearch({ module: MODULE, grid: { lr: [0.1, 0.2], exitCode: [0, 3] }, mode: 'min', workers: 1 });
    expect(r.trials.map((t) => t.status)).toEqual(['ok', 'failed', 'ok', 'failed']);
    expect(r.trials[1].error).toBe("the trial's process exited with code 3");
    const pid = (index: number) => marksOf(marks).find((m) => m.index === index)!.pid;
    expect(pid(1)).toBe(pid(0));
    expect(pid(2)).not.toBe(pid(1));
    expect(pid(3)).toBe(pid(2));
    expect([pid(0), pid(2)].filter(isAlive)).toEqual([]);
  });

  it('on Ctrl-C keeps the finished trials and records none of the interrupted ones, and leaves no process behind', async () => {
    // Trial 0 finishes, trial 1 runs when the terminal's SIGINT reaches the whole process group:
    // a program that dies of it, and one that handles SIGINT and outlives its trial processes.
    const searches = ['dies', 'survives'].map((how) => {
      const marks = mkdtempSync(join(dir, 'marks-'));
      const results = join(dir, `ctrl-c-${how}.jsonl`);
      const options = { module: MODULE, grid: { lr: [0.1], waitMs: [0, 60_000] }, mode: 'min', workers: 1, results };
      const env: Record<string, string> = how === 'survives' ? { MLPKIT_SEARCH_MARKS: marks, MLPKIT_SEARCH_IGNORE_SIGINT: '1' } : { MLPKIT_SEARCH_MARKS: marks };
      return { how, marks, results, program: spawnTs(COORDINATOR, [JSON.stringify(options)], env, true) };
    });
    for (const { marks, results, program } of searches) {
      await until('trial 1 to start', () => (marksOf(marks).some((m) => m.index === 1) && readResults(results).length === 1) || (program.proc.exitCode !== null && fail(program.output())));
      process.kill(-program.proc.pid!, 'SIGINT');
    }
    for (const { how, marks, results, program } of searches) {
      await program.exited;
      if (how === 'survives') expect(program.output()).toMatch(/runSearch: stopped: search: trial 1 has no result: the trial's process was killed by SIGINT; it was not recorded, and the finished trials are in .*ctrl-c-survives\.jsonl: run the search again to resume/);
      expect(readResults(results).map((r) => [r.index, r.status])).toEqual([[0, 'ok']]);
      await until('the trial processes to exit', () => marksOf(marks).every((m) => !isAlive(m.pid)), 10_000);
    }
  });

  it("runs trials on worker threads with isolation: 'thread', with the same results", async () => {
    const marks = marking();
    const options = { module: MODULE, space, trials: 4, seed: 2, mode: 'min', workers: 2 } as const;
    const threads = await runSearch({ ...options, isolation: 'thread' });
    expect(new Set(marksOf(marks).map((m) => m.pid))).toEqual(new Set([process.pid]));
    const processes = await runSearch(options);
    expect(threads.trials.map((t) => t.score)).toEqual(processes.trials.map((t) => t.score));
    expect(new Set(threads.trials.map((t) => t.status))).toEqual(new Set(['ok']));
    // In a thread, process.exit ends that thread only.
    const crashed = await runSearch({ module: MODULE, grid: { lr: [0.1], exitCode: [3, 0] }, mode: 'min', workers: 1, isolation: 'thread' });
    expect(crashed.trials.map((t) => [t.status, t.error])).toEqual([['failed', "the trial's worker thread exited with code 3"], ['ok', undefined]]);
  });

  it('refuses to start a search inside a trial runner (a trial module that starts one when imported)', async () => {
    await expect(runSearch({ module: UNGUARDED, grid: { x: [1] }, workers: 1 }))
      .rejects.toThrow(`runSearch: could not load the trial module ${UNGUARDED}: runSearch: called in a trial runner`);
  });

  it('stops with an error naming the trial module when it cannot be loaded or set up, and records no trial', async () => {
    const results = join(dir, 'broken.jsonl');
    const search = { module: BROKEN, grid: { x: [1, 2, 3, 4] }, workers: 2, results };
    await expect(runSearch(search)).rejects.toThrow(`runSearch: could not load the trial module ${BROKEN}: ENOENT: data/train.csv is missing`);
    process.env.MLPKIT_SEARCH_BROKEN = 'setup';
    await expect(runSearch({ ...search, isolation: 'thread' })).rejects.toThrow(`runSearch: could not load the trial module ${BROKEN}: no such backend on this machine`);
    expect(readResults(results)).toEqual([]);
  });

  it('stops poor trials early by ASHA and records where', async () => {
    const r = await runSearch({
      module: MODULE, grid: { lr: [0.3, 0.001, 0.2, 0.0005], epochs: [4] }, mode: 'min', workers: 1,
      pruning: { rule: 'asha', rungs: [1, 2], reductionFactor: 2 },
    });
    // Sequential on one process: the first trial always goes on; trial 1 (tiny lr) is worse than it at rung 1.
    expect(r.trials[0].status).toBe('ok');
    expect(Object.keys(r.trials[0].reports)).toEqual(['1', '2', '3', '4']);
    expect(r.trials[1].stoppedEarly).toMatchObject({ rule: 'asha', epoch: 1 });
    expect(Object.keys(r.trials[1].reports)).toEqual(['1']);
    for (const t of r.trials.filter((x) => x.status === 'stopped')) {
      // The cutoff is the best half (η = 2) of the values the earlier trials and this one had at that rung.
      const e = String(t.stoppedEarly!.epoch);
      const atRung = r.trials.filter((x) => x.index <= t.index && x.reports[e] != null).map((x) => x.reports[e] as number).sort((a, b) => a - b);
      expect(t.stoppedEarly!.cutoff).toBe(atRung[Math.max(1, Math.floor(atRung.length / 2)) - 1]);
      expect(t.stoppedEarly!.value).toBeGreaterThan(t.stoppedEarly!.cutoff);
      expect(Object.keys(t.reports)).toEqual(Array.from({ length: Number(e) }, (_, i) => String(i + 1)));
    }
    expect(r.counts.stopped).toBeGreaterThanOrEqual(1);
  });

  it('creates the directory of its results file, and refuses one it cannot write before any trial runs', async () => {
    const results = join(dir, 'new', 'dir', 'r.jsonl');
    const r = await runSearch({ module: MODULE, grid: { lr: [0.1] }, mode: 'min', workers: 1, results });
    expect(readResults(results)).toEqual(r.trials);
    const marks = marking();
    const underFile = join(results, 'sub', 'r.jsonl');
    await expect(runSearch({ module: MODULE, grid: { lr: [0.1] }, mode: 'min', workers: 1, results: underFile }))
      .rejects.toThrow(`runSearch: cannot create the directory ${join(results, 'sub')} for ${underFile}: ENOTDIR`);
    expect(marksOf(marks)).toEqual([]);
    await expect(runSearch({ module: MODULE, grid: { lr: [0.1] }, results: 3 } as never)).rejects.toThrow(/^runSearch: results: expected the path of a JSONL file, got 3/);
  });

  it('fails a trial that runs past trialTimeoutMs, stops its process, and goes on in a new one', async () => {
    const marks = marking();
    const r = await runSearch({ module: MODULE, grid: { lr: [0.1], waitMs: [60_000, 0] }, mode: 'min', workers: 1, trialTimeoutMs: 1500 });
    expect(r.trials.map((t) => [t.status, t.error])).toEqual([['failed', 'the trial timed out after 1500 ms'], ['ok', undefined]]);
    const pid = (index: number) => marksOf(marks).find((m) => m.index === index)!.pid;
    expect(pid(1)).not.toBe(pid(0));
    expect(isAlive(pid(0))).toBe(false);
    for (const bad of [0, -5, NaN, Infinity, 2 ** 31, '1000']) {
      await expect(runSearch({ module: MODULE, grid: { lr: [0.1] }, trialTimeoutMs: bad as number }))
        .rejects.toThrow(`runSearch: trialTimeoutMs: expected a positive finite number of milliseconds, at most 2147483647 (24.8 days), got ${String(bad)}`);
    }
  });

  it('refuses unknown options and misplaced ones', async () => {
    await expect(runSearch({ module: MODULE, space, trials: 2, concurrency: 2 } as never)).rejects.toThrow(/^runSearch: unknown option 'concurrency' \(expected 'module', 'space', /);
    await expect(runSearch({ module: MODULE, space, trials: 2, workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
    await expect(runSearch({ module: MODULE, space, trials: 2, isolation: 'fiber' } as never)).rejects.toThrow(/^runSearch: isolation must be 'process' or 'thread', got fiber/);
    await expect(runSearch({ module: MODULE, space, trials: 2, pruning: { rule: 'asha', rungs: [2, 1] } })).rejects.toThrow(/pruning.rungs: expected increasing/);
    await expect(runSearch({ module: MODULE, space, trials: 2, pruning: { rule: 'median', patience: 2 } as never })).rejects.toThrow(/unknown option 'patience'/);
    await expect(runSearch({ module: join(dir, 'nope.ts'), space, trials: 2 })).rejects.toThrow(/nope.ts does not exist/);
    await expect(runSearch({ module: MODULE, space, trials: 2, redis: 'localhost:6379' })).rejects.toThrow(/redis: expected a URL such as redis:/);
  });
});

function fail(output: string): never {
  throw new Error(`the search program exited early: ${output}`);
}
