import { MlpkitError } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { f1Score, F1Score } from './f1.js';
import { precisionRecallFscoreSupport } from './precision-recall-fscore.js';
import { Precision, precisionScore } from './precision.js';
import { recallScore } from './recall.js';

// scikit-learn's documentation example: per class, precision [2/3, 0, 0], recall [1, 0, 0].
const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

describe('precision, recall and F1', () => {
  it('averages per-class scores as scikit-learn does', () => {
    expect(precisionScore(yTrue, yPred, { average: 'macro' })).toBeCloseTo(2 / 9, 15);
    expect(precisionScore(yTrue, yPred, { average: 'micro' })).toBeCloseTo(1 / 3, 15);
    expect(precisionScore(yTrue, yPred, { average: 'weighted' })).toBeCloseTo(2 / 9, 15);
    expect(precisionScore(yTrue, yPred, { average: null })).toEqual([2 / 3, 0, 0]);
    expect(recallScore(yTrue, yPred, { average: null })).toEqual([1, 0, 0]);
    expect(recallScore(yTrue, yPred, { average: 'macro' })).toBeCloseTo(1 / 3, 15);
    expect(f1Score(yTrue, yPred, { average: null })).toEqual([0.8, 0, 0]);
    expect(f1Score(yTrue, yPred, { average: 'macro' })).toBeCloseTo(0.8 / 3, 15);
    expect(f1Score(yTrue, yPred, { average: 'micro' })).toBeCloseTo(1 / 3, 15);
  });

  it('reports the positive class for average binary (the default)', () => {
    expect(precisionScore([0, 1, 1, 0], [0, 1, 0, 1])).toBe(0.5);
    expect(recallScore([0, 1, 1, 1], [0, 1, 0, 1])).toBeCloseTo(2 / 3, 15);
    expect(precisionScore([0, 1, 1, 0], [1, 1, 0, 0], { posLabel: 0 })).toBe(0.5);
    expect(() => precisionScore(yTrue, yPred)).toThrow(/average: 'binary' needs at most 2 classes, got 3/);
    expect(() => precisionScore([0, 1], [1, 0], { posLabel: 2 })).toThrow('posLabel: expected one of the classes [0, 1], got 2');
  });

  it('uses zeroDivision for a class never predicted or never true', () => {
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: null })).toEqual([1, 0.5, 0]);
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: null, zeroDivision: 1 })).toEqual([1, 0.5, 1]);
    expect(recallScore([0, 0], [0, 1], { average: null, zeroDivision: 1 })).toEqual([0.5, 1]);
    // Both precision and recall 0/0 give F = 1 under zeroDivision 1.
    expect(f1Score([0, 0], [0, 0], { average: null, labels: [0, 1], zeroDivision: 1 })).toEqual([1, 1]);
    expect(() => precisionScore([0], [0], { zeroDivision: 2 as 0 })).toThrow('zeroDivision: expected 0 or 1, got 2');
  });

  it('restricts to labels, in their order, and pads absent classes', () => {
    expect(recallScore(yTrue, yPred, { average: null, labels: [2, 0] })).toEqual([0, 1]);
    // micro over classes 1 and 2 only: no true positives among 4 true samples
    expect(recallScore(yTrue, yPred, { average: 'micro', labels: [1, 2] })).toBe(0);
    expect(recallScore([0, 1], [0, 1], { average: null, numClasses: 3 })).toEqual([1, 1, 0]);
  });

  it('returns support per class and accepts beta', () => {
    const r = precisionRecallFscoreSupport([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], { average: null });
    expect(r.support).toEqual([2, 3]);
    // F2 of class 1: p = 2/3, r = 2/3 → 2/3
    const f2 = precisionRecallFscoreSupport([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], { average: 'binary', beta: 2 }).fScore as number;
    expect(f2).toBeCloseTo(2 / 3, 15);
  });

  it('weighted average with no true sample of any scored class', () => {
    expect(precisionScore([0, 0], [0, 1], { average: 'weighted', labels: [1] })).toBe(0);
    expect(recallScore([0, 0], [0, 0], { average: 'weighted', labels: [1], zeroDivision: 1 })).toBe(1);
  });

  it('refuses unknown options', () => {
    const bad = { avg: 'macro' } as object;
    expect(() => precisionScore([0, 1], [0, 1], bad)).toThrow("precisionScore: unknown option 'avg'");
    expect(() => recallScore([0, 1], [0, 1], bad)).toThrow("recallScore: unknown option 'avg'");
    expect(() => f1Score([0, 1], [0, 1], bad)).toThrow("f1Score: unknown option 'avg'");
    expect(() => precisionRecallFscoreSupport([0, 1], [0, 1], bad)).toThrow("precisionRecallFscoreSupport: unknown option 'avg'");
    expect(() => new Precision(bad)).toThrow("Precision: unknown option 'avg'");
    expect(() => new F1Score(bad)).toThrow("F1Score: unknown option 'avg'");
  });

  it('streams to the one-shot value and checks options up front', () => {
    const f = new F1Score({ average: null });
    f.update(yPred.slice(0, 4), yTrue.slice(0, 4));
    f.update(yPred.slice(4), yTrue.slice(4));
    expect(f.compute()).toEqual([0.8, 0, 0]);
    expect(() => new Precision({ average: 'mean' as 'macro' })).toThrow(MlpkitError);
    expect(() => new Precision({ labels: [1, 1] })).toThrow('labels: expected distinct labels, got 1 twice in [1, 1]');
  });
});
