import { Generator } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { choice, logUniform, randint, uniform } from './distributions.js';
import { runTrials } from './run-trials.js';
import { gridSearch, randomSearch } from './search.js';
import { summaryLine } from './search-result.js';
import { gridPoints } from './space.js';
import { trial } from './node/toy-trial.test-helper.js';

describe('gridSearch', () => {
  it('tries every combination, last key fastest, and picks the best', async () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toHaveLength(6);
    expect(gridPoints({ a: [1, 2], b: choice(['x', 'y']) })[1]).toEqual({ a: 1, b: 'y' });
    const seen: string[] = [];
    const r = await gridSearch({ a: [1, 2, 3], b: [10, 20] }, (p) => { seen.push(`${p.a}-${p.b}`); return -((p.a - 2) ** 2) + p.b; });
    expect(seen).toEqual(['1-10', '1-20', '2-10', '2-20', '3-10', '3-20']);
    expect(r.best?.params).toEqual({ a: 2, b: 20 });
    const low = await gridSearch({ a: [3, 1, 2] }, (p) => p.a, { mode: 'min' });
    expect(low.best?.params.a).toBe(1);
  });

  it('records a diverging trial and a throwing one, and goes on', async () => {
    const r = await gridSearch({ lr: [0.1, 1e4], throw: [false, true] }, trial as never, { mode: 'min' });
    expect(r.trials.map((t) => t.status)).toEqual(['ok', 'failed', 'diverged', 'failed']);
    expect(r.trials[2].score).toBeNull();
    expect(r.trials[2].error).toMatch(/^fit: loss .*(became|more than 3×)/);
    expect(r.trials[3].error).toBe('trial 3 broke on purpose');
    expect(r.best?.params.lr).toBe(0.1);
  });

  it('stops a trial whose reported metric is NaN at once, as diverged', async () => {
    const epochs: number[] = [];
    const r = await gridSearch({ a: [1] }, async (_p, ctx) => {
      for (let e = 1; e <= 5; e++) {
        epochs.push(e);
        if (!(await ctx.report(e, e === 2 ? Number.NaN : 1 / e))) return 0;
      }
      return 1;
    });
    expect(epochs).toEqual([1, 2]);
    expect(r.trials[0]).toMatchObject({ status: 'diverged', score: null, error: 'metric became NaN after epoch 2; trial stopped', reports: { 1: 1, 2: null } });
    expect(summaryLine(r)).toBe('search: 1 trials (0 resumed, 1 run, 1 diverged, 0 failed, 0 stopped early)');
  });

  it('refuses an empty value list and unknown options', async () => {
    await expect(gridSearch({ a: [] }, () => 0)).rejects.toThrow(/^gridSearch: space.a: expected a non-empty array/);
    await expect(gridSearch({ a: [1] }, () => 0, { workers: 4 } as never)).rejects.toThrow(/^gridSearch: unknown option 'workers' \(expected 'mode', 'seed', 'pruning', 'onTrial'\); workers, results and redis are options of runSearch in '@mlpkit\/search\/node'$/);
    await expect(gridSearch({ a: [1] }, () => 0, { mode: 'best' as never })).rejects.toThrow(/mode must be 'min' or 'max'/);
  });

  it('runs on runTrials, which refuses unknown options too', async () => {
    await expect(runTrials([], { execute: async () => { throw new Error('unused'); }, concurrency: 1, mode: 'max', workers: 2 } as never))
      .rejects.toThrow(/^runTrials: unknown option 'workers'/);
  });
});

describe('randomSearch', () => {
  it('samples in log space within the range, reproducibly by seed', async () => {
    const space = { lr: logUniform(1e-6, 1e-3), reg: uniform(0, 1), act: choice(['relu', 'tanh'] as const), width: randint(16, 20) };
    const a = await randomSearch(space, (p) => p.lr, { trials: 200, seed: 3 });
    const b = await randomSearch(space, (p) => p.lr, { trials: 200, seed: 3 });
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    const exps = a.trials.map((t) => Math.log10(t.params.lr));
    expect(Math.min(...exps)).toBeGreaterThanOrEqual(-6);
    expect(Math.max(...exps)).toBeLessThan(-3);
    // Log-uniform: about a third of draws per decade.
    expect(exps.filter((e) => e < -5).length).toBeGreaterThan(40);
    expect(new Set(a.trials.map((t) => t.params.act))).toEqual(new Set(['relu', 'tanh']));
    expect(new Set(a.trials.map((t) => t.params.width))).toEqual(new Set([16, 17, 18, 19]));
    expect(a.best?.score).toBe(Math.max(...a.trials.map((t) => t.params.lr)));
  });

  it('gives each trial its own seed, the same on every run', async () => {
    const seeds = (await randomSearch({ x: uniform(0, 1) }, (_p, ctx) => ctx.seed, { trials: 4, seed: 1 })).trials.map((t) => t.score);
    expect(new Set(seeds).size).toBe(4);
    expect((await randomSearch({ x: uniform(0, 1) }, (_p, ctx) => ctx.seed, { trials: 4, seed: 1 })).trials.map((t) => t.score)).toEqual(seeds);
  });

  it('calls onTrial with the running count', async () => {
    const lines: string[] = [];
    await randomSearch({ lr: logUniform(1e-3, 1) }, (p) => p.lr, { trials: 3, onTrial: (t, n) => lines.push(`(${t.index + 1} / ${n})`) });
    expect(lines).toEqual(['(1 / 3)', '(2 / 3)', '(3 / 3)']);
  });

  it('refuses bad distributions and trial counts', async () => {
    expect(() => logUniform(0, 1)).toThrow(/^logUniform: expected 0 < low < high/);
    expect(() => randint(1.5, 3)).toThrow(/^randint: expected integers low < high/);
    expect(() => choice([])).toThrow(/^choice: expected a non-empty array/);
    await expect(randomSearch({ lr: logUniform(1e-3, 1) }, () => 0, { trials: 0 })).rejects.toThrow('randomSearch: trials must be an integer from 1 to 1000000, got 0');
    await expect(randomSearch({ lr: logUniform(1e-3, 1) }, () => 0, { trials: 1e12 })).rejects.toThrow('randomSearch: trials must be an integer from 1 to 1000000, got 1000000000000');
    await expect(randomSearch({ lr: 3 } as never, () => 0, { trials: 1 })).rejects.toThrow(/^randomSearch: space.lr: expected a distribution/);
    expect(choice([1, 2]).sample(new Generator(0))).toBeOneOf([1, 2]);
  });

  it('refuses a grid of more trials than a search runs, before making any of them', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => i);
    expect(() => gridPoints({ a: thousand, b: thousand, c: thousand })).toThrow('gridSearch: the grid has 1000 × 1000 × 1000 = 1000000000 combinations, more than 1000000 trials; draw some of them with randomSearch instead');
    expect(() => gridPoints({ a: thousand, b: [...thousand, 1000] })).toThrow(/1000 × 1001 = 1001000 combinations/);
  });
});
