import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { Generator } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { choice, gridPoints, gridSearch, logUniform, randomSearch, uniform } from './search.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('gridSearch', () => {
  it('tries every combination, last key fastest, and picks the best', async () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toHaveLength(6);
    expect(gridPoints({ a: [1, 2], b: ['x', 'y'] })[1]).toEqual({ a: 1, b: 'y' });
    const seen: string[] = [];
    const r = await gridSearch({ a: [1, 2, 3], b: [10, 20] }, (p) => { seen.push(`${p.a}-${p.b}`); return -((p.a - 2) ** 2) + p.b; });
    expect(seen).toEqual(['1-10', '1-20', '2-10', '2-20', '3-10', '3-20']);
    expect(r.best?.params).toEqual({ a: 2, b: 20 });
    const low = await gridSearch({ a: [3, 1, 2] }, (p) => p.a, { mode: 'min' });
    expect(low.best?.params.a).toBe(1);
  });

  it('keeps a diverging trial as NaN with its message instead of failing the search', async () => {
    const { train, val } = loaders();
    const r = await gridSearch({ lr: [0.1, 50] }, async ({ lr }) => {
      const model = mlp();
      const h = await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr }), epochs: 3, metrics: ['accuracy'] });
      return Math.max(...h.get('valAccuracy'));
    });
    expect(r.trials[0].score).toBeGreaterThan(0.8);
    expect(r.trials[1].score).toBeNaN();
    expect(r.trials[1].error).toMatch(/^fit: loss/);
    expect(r.best?.params.lr).toBe(0.1);
  });

  it('refuses an empty value list', async () => {
    await expect(gridSearch({ a: [] }, () => 0)).rejects.toThrow(/^gridSearch: space.a: expected a non-empty array/);
  });
});

describe('randomSearch', () => {
  it('samples in log space within the range, reproducibly by seed', async () => {
    const space = { lr: logUniform(1e-6, 1e-3), reg: uniform(0, 1), act: choice(['relu', 'tanh'] as const) };
    const a = await randomSearch(space, (p) => p.lr, { trials: 200, seed: 3 });
    const b = await randomSearch(space, (p) => p.lr, { trials: 200, seed: 3 });
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    const exps = a.trials.map((t) => Math.log10(t.params.lr));
    expect(Math.min(...exps)).toBeGreaterThanOrEqual(-6);
    expect(Math.max(...exps)).toBeLessThan(-3);
    // Log-uniform: about a third of draws per decade.
    expect(exps.filter((e) => e < -5).length).toBeGreaterThan(40);
    expect(new Set(a.trials.map((t) => t.params.act))).toEqual(new Set(['relu', 'tanh']));
    expect(a.best?.score).toBe(Math.max(...a.trials.map((t) => t.params.lr)));
  });

  it('calls onTrial with the running count', async () => {
    const lines: string[] = [];
    await randomSearch({ lr: logUniform(1e-3, 1) }, (p) => p.lr, { trials: 3, onTrial: (t, n) => lines.push(`(${t.index + 1} / ${n})`) });
    expect(lines).toEqual(['(1 / 3)', '(2 / 3)', '(3 / 3)']);
  });

  it('refuses bad distributions and trial counts', async () => {
    expect(() => logUniform(0, 1)).toThrow(/^logUniform: expected 0 < low < high/);
    expect(() => choice([])).toThrow(/^choice: expected a non-empty array/);
    await expect(randomSearch({ lr: logUniform(1e-3, 1) }, () => 0, { trials: 0 })).rejects.toThrow(/^randomSearch: trials must be an integer >= 1/);
    expect(choice([1, 2]).sample(new Generator(0))).toBeOneOf([1, 2]);
  });
});
