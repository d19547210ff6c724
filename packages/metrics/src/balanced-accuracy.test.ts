import { describe, expect, it } from 'vitest';
import { BalancedAccuracy, balancedAccuracyScore } from './balanced-accuracy.js';

describe('balancedAccuracyScore', () => {
  it('is the mean per-class recall', () => {
    // recall of class 0 is 3/4, of class 1 is 1/2
    expect(balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBe(0.625);
  });

  it('ignores classes that only occur in the predictions', () => {
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 2, 1, 1])).toBe(0.75);
  });

  it('adjusted rescales chance to 0 and perfection to 1', () => {
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 1, 0, 1], { adjusted: true })).toBe(0);
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 0, 1, 1], { adjusted: true })).toBe(1);
  });

  it('streams to the one-shot value', () => {
    const m = new BalancedAccuracy();
    m.update([0, 1, 0], [0, 1, 0]);
    m.update([0, 0, 1], [0, 1, 0]);
    expect(m.compute()).toBe(balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]));
  });

  it('refuses unknown options', () => {
    expect(() => balancedAccuracyScore([0, 1], [0, 1], { adjust: true } as object)).toThrow("balancedAccuracyScore: unknown option 'adjust'");
    expect(() => new BalancedAccuracy({ adjust: true } as object)).toThrow("BalancedAccuracy: unknown option 'adjust'");
  });

  it('refuses an empty dataset', () => {
    expect(() => balancedAccuracyScore([], [])).toThrow('balancedAccuracyScore: yTrue: expected at least one sample');
  });
});
