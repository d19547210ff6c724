import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { LogLoss, logLoss } from './log-loss.js';

describe('logLoss', () => {
  const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;

  it('is the mean of -log p[true class]', () => {
    expect(logLoss([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])).toBeCloseTo(expected, 15);
    expect(logLoss([1, 0, 0, 1], tensor([0.9, 0.1, 0.2, 0.65], { dtype: 'float64' }))).toBeCloseTo(expected, 15);
    expect(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65], { normalize: false })).toBeCloseTo(4 * expected, 14);
  });

  it('clips to [eps, 1 - eps] (float64 machine epsilon by default) and renormalises rows', () => {
    expect(logLoss([0], [[0, 1]])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss([0], [[0, 1]], { eps: 1e-7 })).toBeCloseTo(-Math.log(1e-7), 9);
    expect(logLoss([0], [[1, 1]])).toBeCloseTo(Math.log(2), 15);
  });

  it('refuses unknown options', () => {
    expect(() => logLoss([0, 1], [0.2, 0.8], { epsilon: 1e-7 } as object)).toThrow("logLoss: unknown option 'epsilon'");
    expect(() => new LogLoss({ epsilon: 1e-7 } as object)).toThrow("LogLoss: unknown option 'epsilon'");
  });

  it('names the argument and the value on bad input', () => {
    expect(() => logLoss([0, 2], [[0.5, 0.5], [0.5, 0.5]])).toThrow('logLoss: yTrue: label 2 at index 1 is out of range: the scores have 2 columns for classes [0, 1]');
    expect(() => logLoss([0], [[1, 0]], { eps: 0.7 })).toThrow(`logLoss: eps: expected 'auto' or a number in (0, 0.5), got 0.7`);
    expect(() => logLoss([0, 1], [0.3])).toThrow('yProb: expected 2 samples to match yTrue, got 1');
    expect(() => logLoss([], [])).toThrow('yTrue: expected at least one sample');
    expect(() => logLoss([0], [[0.5, 0.5]], { labels: [0, 1, 2] })).toThrow(MlpkitError);
  });

  it('streams to the one-shot value', () => {
    const m = new LogLoss();
    m.update([[0.1, 0.9], [0.9, 0.1]], [1, 0]);
    m.update([[0.8, 0.2], [0.35, 0.65]], [0, 1]);
    expect(m.compute()).toBe(logLoss([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]));
    m.reset();
    expect(() => m.compute()).toThrow('LogLoss.compute: targets: expected at least one sample');
  });

  it('refuses probabilities outside [0, 1] (scikit-learn clips them into a plausible loss)', () => {
    expect(() => logLoss([0, 1], [[2, -1], [0.5, 0.5]])).toThrow('logLoss: yProb: expected probabilities in [0, 1], got 2 at index 0');
    expect(() => logLoss([0, 1], [1.5, -0.5])).toThrow('logLoss: yProb: expected probabilities in [0, 1], got 1.5 at index 0');
    expect(() => new LogLoss().update([[0.5, 0.5], [0.2, 1.2]], [0, 1])).toThrow('LogLoss.update: probabilities: expected probabilities in [0, 1], got 1.2 at index 3');
    expect(logLoss([0, 1], [[1, 0], [0, 1]])).toBeCloseTo(-Math.log(1 - Number.EPSILON), 20);
  });
});
