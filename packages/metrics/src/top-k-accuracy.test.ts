import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { TopKAccuracy, topKAccuracyScore } from './top-k-accuracy.js';

const yScore = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];

describe('topKAccuracyScore', () => {
  it('counts samples whose true class is among the k highest scores', () => {
    expect(topKAccuracyScore([0, 1, 2, 2], yScore, { k: 2 })).toBe(0.75);
    expect(topKAccuracyScore([0, 1, 2, 2], yScore, { k: 2, normalize: false })).toBe(3);
    expect(topKAccuracyScore([0, 1, 2, 2], tensor(yScore), { k: 1 })).toBe(0.5);
    expect(topKAccuracyScore([0, 1, 2, 2], yScore, { k: 3 })).toBe(1);
  });

  it('ranks the higher column first among tied scores, as scikit-learn does', () => {
    expect(topKAccuracyScore([0], [[0.4, 0.4, 0.2]], { k: 1 })).toBe(0);
    expect(topKAccuracyScore([1], [[0.4, 0.4, 0.2]], { k: 1 })).toBe(1);
  });

  it('thresholds binary scores at 0.5 for probabilities and at 0 otherwise', () => {
    expect(topKAccuracyScore([0, 1, 1], [0.2, 0.5, 0.7], { k: 1 })).toBeCloseTo(2 / 3, 15);
    expect(topKAccuracyScore([0, 1, 1], [-1, 0.3, 2], { k: 1 })).toBe(1);
    expect(topKAccuracyScore([0, 1, 1], [0.9, 0.1, 0.2], { k: 2 })).toBe(1);
  });

  it('maps columns to labels', () => {
    expect(topKAccuracyScore([3, 5], [[0.1, 0.9], [0.2, 0.8]], { k: 1, labels: [3, 5] })).toBe(0.5);
  });

  it('refuses unknown options', () => {
    expect(() => topKAccuracyScore([0, 1], [[0.9, 0.1], [0.2, 0.8]], { topK: 1 } as object)).toThrow("topKAccuracyScore: unknown option 'topK'");
    expect(() => new TopKAccuracy({ topK: 1 } as object)).toThrow("TopKAccuracy: unknown option 'topK'");
  });

  it('names the argument and the value on bad input', () => {
    expect(() => topKAccuracyScore([0, 3], yScore.slice(0, 2))).toThrow('topKAccuracyScore: yTrue: label 3 at index 1 is out of range: the scores have 3 columns for classes [0, 1, 2]');
    expect(() => topKAccuracyScore([0, 1], yScore)).toThrow('yScore: expected 2 samples to match yTrue, got 4');
    expect(() => topKAccuracyScore([], [])).toThrow('yTrue: expected at least one sample');
    expect(() => topKAccuracyScore([0], [[0.5, Number.NaN]])).toThrow('yScore: expected finite values, got NaN at index 1');
    expect(() => topKAccuracyScore([0], [[1, 0]], { k: 0 })).toThrow('topKAccuracyScore: k: expected a positive integer, got 0');
    expect(() => topKAccuracyScore([0], [[1, 0]], { labels: [0, 1, 2] })).toThrow('labels: expected 2 labels (one per score column), got 3');
    expect(() => topKAccuracyScore([0], [[1, 0]], { labels: [1, 0] })).toThrow(MlpkitError);
  });

  it('streams, choosing the binary threshold over all batches', () => {
    const m = new TopKAccuracy({ k: 1 });
    m.update([0.2, 0.7], [0, 1]);
    m.update([-0.5], [0]); // a score below 0: the threshold becomes 0 for every sample
    expect(m.compute()).toBe(topKAccuracyScore([0, 1, 0], [0.2, 0.7, -0.5], { k: 1 }));
    expect(() => m.update([[0.2, 0.8]], [1])).toThrow('TopKAccuracy.update: scores: expected 1 score column(s) as in earlier batches, got 2');
  });
});
