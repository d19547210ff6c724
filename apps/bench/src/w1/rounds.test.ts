import { describe, expect, it } from 'vitest';
import { mergeRounds, runRounds } from './rounds.js';
import type { W1Result } from './spec.js';

const result = (system: string, s64: number, s1024: number, ips: number, rss = 100): W1Result => ({
  system, threads: 1, inferenceImagesPerSecond: ips, peakRssMiB: rss,
  epochs: [{ batch: 64, seconds: s64, method: 'epochs', count: 3, loss: 0.5 }, { batch: 1024, seconds: s1024, method: 'epochs', count: 3, loss: 0.4 }],
});

describe('runRounds', () => {
  it('runs every job once per round, each round starting one job further on', async () => {
    const ran: string[] = [];
    const jobs = ['a', 'b', 'c'].map((key) => ({ key, run: () => { ran.push(key); return result(key, 1, 1, 1); } }));
    const seen: number[] = [];
    const byKey = await runRounds(jobs, 4, (_r, round) => seen.push(round));
    expect(ran).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b', 'a', 'b', 'c']);
    expect(seen).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect([...byKey.keys()]).toEqual(['a', 'b', 'c']);
    expect(byKey.get('b')!.map((r) => r.system)).toEqual(['b', 'b', 'b', 'b']);
  });
});

describe('mergeRounds', () => {
  it('takes the median of the rounds for each figure, so one slow round does not move it', () => {
    const merged = mergeRounds([result('x', 0.5, 0.3, 400, 90), result('x', 0.9, 0.31, 250, 120), result('x', 0.52, 0.6, 410, 100)]);
    expect(merged.epochs.map((e) => [e.batch, e.seconds, e.rounds, e.count])).toEqual([[64, 0.52, 3, 3], [1024, 0.31, 3, 3]]);
    expect(merged.inferenceImagesPerSecond).toBe(400);
    expect(merged.peakRssMiB).toBe(120);
    expect(merged.epochs[0].loss).toBeCloseTo(0.5);
  });

  it('leaves out a failed round and says so; with every round failed the first failure stands', () => {
    const failed: W1Result = { system: 'x', threads: 1, epochs: [], inferenceImagesPerSecond: NaN, peakRssMiB: NaN, note: 'crashed' };
    const merged = mergeRounds([result('x', 0.5, 0.3, 400), failed, result('x', 0.7, 0.5, 300)]);
    expect(merged.epochs[0].seconds).toBe(0.7);
    expect(merged.note).toBe('1 of 3 rounds failed: crashed');
    expect(mergeRounds([failed, { ...failed, note: 'again' }]).note).toBe('crashed');
  });
});
