import { describe, expect, it } from 'vitest';
import { checkPruning, pruneDecision } from './pruning.js';
import { gridSearch } from './search.js';

describe('pruneDecision', () => {
  it('ASHA keeps the best 1/η at a rung and ignores other epochs', () => {
    const asha = { rule: 'asha', rungs: [1, 3], reductionFactor: 2 } as const;
    expect(pruneDecision(asha, 'max', 1, 0.5, [])).toBeNull();
    expect(pruneDecision(asha, 'max', 1, 0.5, [0.9])).toEqual({ rule: 'asha', epoch: 1, value: 0.5, cutoff: 0.9 });
    expect(pruneDecision(asha, 'max', 1, 0.8, [0.9, 0.7, 0.1])).toBeNull(); // top 2 of 4
    expect(pruneDecision(asha, 'min', 1, 0.8, [0.9, 0.7, 0.1])).toMatchObject({ cutoff: 0.7 });
    expect(pruneDecision(asha, 'max', 2, 0.0, [0.9, 0.7])).toBeNull();
  });

  it('the median rule waits for its startup trials and warmup epochs', () => {
    const median = { rule: 'median', startupTrials: 3, warmupEpochs: 1 } as const;
    expect(pruneDecision(median, 'max', 2, 0.1, [0.5, 0.6])).toBeNull();
    expect(pruneDecision(median, 'max', 1, 0.1, [0.5, 0.6, 0.7])).toBeNull();
    expect(pruneDecision(median, 'max', 2, 0.1, [0.5, 0.6, 0.7, 0.8])).toMatchObject({ rule: 'median', epoch: 2, value: 0.1 });
    expect(pruneDecision(median, 'max', 2, 0.1, [0.5, 0.6, 0.7, 0.8])!.cutoff).toBeCloseTo(0.65, 12);
    expect(pruneDecision(median, 'max', 2, 0.9, [0.5, 0.6, 0.7])).toBeNull();
  });

  it('refuses unknown rules and options', () => {
    expect(() => checkPruning('x', { rule: 'hyperband' })).toThrow(/^x: pruning.rule: expected 'asha' or 'median', got "hyperband"/);
    expect(() => checkPruning('x', { rule: 'asha', rungs: [1], eta: 2 })).toThrow(/unknown option 'eta'/);
    expect(() => checkPruning('x', { rule: 'asha', rungs: [1], reductionFactor: 1 })).toThrow(/reductionFactor: expected a number > 1/);
    expect(checkPruning('x', { rule: 'median' })).toEqual({ rule: 'median', startupTrials: 5, warmupEpochs: 0 });
  });
});

describe('early stopping of poor trials in a search', () => {
  it('stops a poor trial at its rung under the median rule, records it, and keeps its score', async () => {
    // Trial i reports 1, 2, 3 ... times (i + 1); trial 0 is the worst, after trials 1..3 reported.
    const curve = (i: number) => async (_p: unknown, ctx: { report(e: number, v: number): Promise<boolean> }) => {
      let last = 0;
      for (let e = 1; e <= 3; e++) {
        last = e * (i + 1);
        if (!(await ctx.report(e, last))) break;
      }
      return last;
    };
    const r = await gridSearch({ i: [3, 2, 1, 0] }, (p, ctx) => curve(p.i)(p, ctx), { pruning: { rule: 'median', startupTrials: 2 } });
    expect(r.trials.map((t) => t.status)).toEqual(['ok', 'ok', 'stopped', 'stopped']);
    expect(r.trials[3].stoppedEarly).toEqual({ rule: 'median', epoch: 1, value: 1, cutoff: 3 });
    expect(r.trials[3].score).toBe(1);
    expect(r.counts.stopped).toBe(2);
    expect(r.best?.params.i).toBe(3);
  });
});
