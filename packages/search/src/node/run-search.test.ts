import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { logUniform, randint } from '../distributions.js';
import { randomSearch } from '../search.js';
import { summaryLine } from '../search-result.js';
import { runSearch } from './run-search.js';
import { trial } from './toy-trial.test-helper.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpkit-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const space = { lr: logUniform(0.01, 0.5), hidden: randint(4, 12) };

describe('runSearch on worker threads', { timeout: 120_000 }, () => {
  it('runs trials on two threads with the same results as in this thread, and resumes from its JSONL file', async () => {
    const results = join(dir, 'a.jsonl');
    const seen: number[] = [];
    const a = await runSearch({ module: MODULE, space, trials: 5, seed: 4, mode: 'min', workers: 2, results, onTrial: (r) => seen.push(r.index) });
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(a.trials.map((t) => t.status))).toEqual(new Set(['ok']));
    const here = await randomSearch(space, trial as never, { trials: 5, seed: 4, mode: 'min' });
    expect(a.trials.map((t) => t.score)).toEqual(here.trials.map((t) => t.score));
    expect(readFileSync(results, 'utf8').trim().split('\n')).toHaveLength(5);

    // A finished search reruns nothing; a trial whose line was torn by a kill runs again.
    const again = await runSearch({ module: MODULE, space, trials: 5, seed: 4, mode: 'min', workers: 2, results });
    expect(summaryLine(again)).toBe('search: 5 trials (5 resumed, 0 run, 0 diverged, 0 stopped early)');
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
    expect(summaryLine(r)).toBe('search: 4 trials (0 resumed, 4 run, 1 diverged, 0 stopped early)');
  });

  it('stops poor trials early by ASHA and records where', async () => {
    const r = await runSearch({
      module: MODULE, grid: { lr: [0.3, 0.001, 0.2, 0.0005], epochs: [4] }, mode: 'min', workers: 1,
      pruning: { rule: 'asha', rungs: [1, 2], reductionFactor: 2 },
    });
    // Sequential on one thread: the first trial always goes on; trial 1 (tiny lr) is worse than it at rung 1.
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

  it('refuses unknown options and misplaced ones', async () => {
    await expect(runSearch({ module: MODULE, space, trials: 2, concurrency: 2 } as never)).rejects.toThrow(/^runSearch: unknown option 'concurrency'; expected one of module, space/);
    await expect(runSearch({ module: MODULE, space, trials: 2, workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
    await expect(runSearch({ module: MODULE, space, trials: 2, pruning: { rule: 'asha', rungs: [2, 1] } })).rejects.toThrow(/pruning.rungs: expected increasing/);
    await expect(runSearch({ module: MODULE, space, trials: 2, pruning: { rule: 'median', patience: 2 } as never })).rejects.toThrow(/unknown option 'patience'/);
    await expect(runSearch({ module: join(dir, 'nope.ts'), space, trials: 2 })).rejects.toThrow(/nope.ts does not exist/);
    await expect(runSearch({ module: MODULE, space, trials: 2, redis: 'localhost:6379' })).rejects.toThrow(/redis: expected a URL such as redis:/);
  });
});
