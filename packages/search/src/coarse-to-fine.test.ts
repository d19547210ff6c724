import { describe, expect, it } from 'vitest';
import { coarseToFine } from './coarse-to-fine.js';
import { choice, logUniform, randint, uniform } from './distributions.js';
import { randomSearch } from './search.js';

describe('coarseToFine', () => {
  it('narrows each range around the best trials, in log space for logUniform', async () => {
    const space = { lr: logUniform(1e-6, 1), m: uniform(0, 1), w: randint(1, 100), act: choice(['relu', 'tanh', 'gelu']) };
    // The best trials have lr near 1e-3.
    const score = (p: { lr: number }) => -Math.abs(Math.log10(p.lr) + 3);
    const coarse = await randomSearch(space, score, { trials: 60, seed: 0 });
    const fine = coarseToFine(space, coarse, { top: 3 });
    const top = [...coarse.trials].sort((a, b) => (b.score as number) - (a.score as number)).slice(0, 3);
    for (const t of top) {
      expect(t.params.lr).toBeGreaterThanOrEqual(fine.lr.low!);
      expect(t.params.lr).toBeLessThan(fine.lr.high!);
      expect(t.params.w).toBeGreaterThanOrEqual(fine.w.low!);
      expect(t.params.w).toBeLessThan(fine.w.high!);
    }
    expect(fine.lr.kind).toBe('logUniform');
    expect(Math.log10(fine.lr.high!) - Math.log10(fine.lr.low!)).toBeLessThan(2);
    expect(new Set(fine.act.values)).toEqual(new Set(top.map((t) => t.params.act)));
    const next = await randomSearch(fine, score, { trials: 20, seed: 1 });
    expect(next.best!.score!).toBeGreaterThanOrEqual(coarse.best!.score! - 0.2);
  });

  it('refuses a search with nothing scored and unknown options', async () => {
    const none = await randomSearch({ x: uniform(0, 1) }, () => Number.NaN, { trials: 2 });
    expect(() => coarseToFine({ x: uniform(0, 1) }, none)).toThrow(/^coarseToFine: the search has no scored trial/);
    expect(() => coarseToFine({ x: uniform(0, 1) }, none, { keep: 2 } as never)).toThrow(/^coarseToFine: unknown option 'keep'/);
  });
});
