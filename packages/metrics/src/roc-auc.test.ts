import { Generator, MlpkitError } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { binaryAuc } from './binary-auc.js';
import { RocAuc, rocAucScore } from './roc-auc.js';

/** P(score of a positive > score of a negative), ties 1/2, over every pair. */
function pairwiseAuc(scores: number[], positive: boolean[]): number {
  let wins = 0, pairs = 0;
  scores.forEach((s, i) => scores.forEach((t, j) => {
    if (!positive[i] || positive[j]) return;
    pairs++;
    wins += s > t ? 1 : s === t ? 0.5 : 0;
  }));
  return wins / pairs;
}

function probabilities(g: Generator, n: number, c: number): number[][] {
  return Array.from({ length: n }, () => {
    const row = Array.from({ length: c }, () => Math.round(g.random() * 5) + 0.5); // few distinct values: many ties
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / total);
  });
}

describe('binaryAuc', () => {
  it('equals the pairwise win rate with ties counted 1/2', () => {
    const g = new Generator(3);
    const scores = Array.from({ length: 60 }, () => Math.round(g.random() * 8) / 8);
    const positive = scores.map(() => g.random() < 0.4);
    expect(binaryAuc(scores, positive.map(Number))).toBeCloseTo(pairwiseAuc(scores, positive), 14);
    expect(binaryAuc([1, 2], [1, 1])).toBeNaN();
  });
});

describe('rocAucScore', () => {
  it('binary: ranks positives above negatives', () => {
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5);
    // Two probability columns: the second one scores the positive class.
    expect(rocAucScore([0, 0, 1, 1], [[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])).toBe(0.75);
    expect(rocAucScore([3, 3, 7, 7], [0.1, 0.4, 0.35, 0.8], { labels: [3, 7] })).toBe(0.75);
  });

  it('one-vs-rest: macro, weighted, micro and per-class', () => {
    const g = new Generator(11);
    const yTrue = Array.from({ length: 50 }, (_, i) => (i < 4 ? i : Math.floor(g.random() * 4)));
    const yScore = probabilities(g, 50, 4);
    const perClass = [0, 1, 2, 3].map((j) => pairwiseAuc(yScore.map((r) => r[j]), yTrue.map((t) => t === j)));
    const got = rocAucScore(yTrue, yScore, { multiClass: 'ovr', average: null });
    got.forEach((a, j) => expect(a).toBeCloseTo(perClass[j], 14));
    expect(rocAucScore(yTrue, yScore, { multiClass: 'ovr' })).toBeCloseTo(perClass.reduce((a, b) => a + b) / 4, 14);
    const support = [0, 1, 2, 3].map((j) => yTrue.filter((t) => t === j).length);
    const weighted = perClass.reduce((s, a, j) => s + a * support[j], 0) / 50;
    expect(rocAucScore(yTrue, yScore, { multiClass: 'ovr', average: 'weighted' })).toBeCloseTo(weighted, 14);
    const micro = pairwiseAuc(yScore.flat(), yTrue.flatMap((t) => [0, 1, 2, 3].map((j) => t === j)));
    expect(rocAucScore(yTrue, yScore, { multiClass: 'ovr', average: 'micro' })).toBeCloseTo(micro, 14);
  });

  it('refuses unknown options', () => {
    expect(() => rocAucScore([0, 1], [0.2, 0.8], { multiclass: 'ovr' } as object)).toThrow("rocAucScore: unknown option 'multiclass'");
    expect(() => new RocAuc({ multiclass: 'ovr' } as object)).toThrow("RocAuc: unknown option 'multiclass'");
  });

  it('names the argument and the value on bad input', () => {
    const three = [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2], [0.1, 0.8, 0.1]];
    expect(() => rocAucScore([0, 1, 2], three)).toThrow(`rocAucScore: multiClass: expected 'ovr' for yScore with 3 classes, got "raise"`);
    expect(() => rocAucScore([0, 1, 2], [[1, 1, 1], ...three.slice(1)], { multiClass: 'ovr' })).toThrow('yScore: expected probabilities whose rows sum to 1 for one-vs-rest ROC AUC, row 0 sums to 3');
    expect(() => rocAucScore([0, 1, 1], three, { multiClass: 'ovr' })).toThrow('yTrue: class 2 is absent; its one-vs-rest ROC AUC is not defined');
    expect(() => rocAucScore([1, 1], [0.2, 0.4])).toThrow('yTrue: expected both classes [0, 1], got only class 1; ROC AUC is not defined');
    expect(() => rocAucScore([0, 2], [0.2, 0.4])).toThrow('yTrue: label 2 at index 1 is out of range');
    expect(() => rocAucScore([0, 1], [0.2])).toThrow('yScore: expected 2 samples to match yTrue, got 1');
    expect(() => rocAucScore([], [])).toThrow('rocAucScore: yTrue: expected at least one sample');
    expect(() => rocAucScore([0, 1], [0.2, 0.4], { average: 'samples' as 'macro' })).toThrow(MlpkitError);
  });
});
