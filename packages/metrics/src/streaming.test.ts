import { Generator, Tensor, rand, randint, slice } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Accuracy, accuracyScore } from './accuracy.js';
import { BalancedAccuracy, balancedAccuracyScore } from './balanced-accuracy.js';
import { ConfusionMatrix, confusionMatrix } from './confusion-matrix.js';
import { F1Score, f1Score } from './f1.js';
import { LogLoss, logLoss } from './log-loss.js';
import { MeanAbsoluteError, meanAbsoluteError } from './mean-absolute-error.js';
import { MeanSquaredError, meanSquaredError } from './mean-squared-error.js';
import type { StreamingMetric } from './metric.js';
import { Precision, precisionScore } from './precision.js';
import { R2Score, r2Score } from './r2-score.js';
import { Recall, recallScore } from './recall.js';
import { RocAuc, rocAucScore } from './roc-auc.js';
import { TopKAccuracy, topKAccuracyScore } from './top-k-accuracy.js';

const N = 157, C = 4;

/** Cuts [0, n) into random consecutive batches, some of them empty. */
function batchBounds(g: Generator, n: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let start = 0; start < n;) {
    const end = Math.min(n, start + g.integer(0, 40));
    bounds.push([start, end]);
    start = end;
  }
  return bounds;
}

/** Streams `preds`/`targets` through `metric` in random batches and returns its result. */
function streamed<R>(metric: StreamingMetric<R, Tensor, Tensor>, preds: Tensor, targets: Tensor, g: Generator): R {
  for (const [a, b] of batchBounds(g, targets.shape[0])) {
    const rows = (t: Tensor) => slice(t, [[a, b]]);
    metric.update(rows(preds), rows(targets));
  }
  return metric.compute();
}

/** Rows of non-negative scores normalised to sum 1, with ties from coarse rounding. */
function probabilities(g: Generator): Tensor {
  const p = rand([N, C], { generator: g, dtype: 'float64' });
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (let j = 0; j < C; j++) total += (p.data[i * C + j] = Math.round(p.data[i * C + j] * 6) + 0.5);
    for (let j = 0; j < C; j++) p.data[i * C + j] /= total;
  }
  return p;
}

describe('streaming over random batches equals the one-shot result', () => {
  for (const seed of [1, 2, 3]) {
    const g = new Generator(seed);
    const yTrue = randint(0, C, [N], { generator: g });
    const yPred = randint(0, C, [N], { generator: g });
    const scores = probabilities(g);
    const binaryTrue = randint(0, 2, [N], { generator: g });
    const binaryScore = rand([N], { generator: g, dtype: 'float64' }).data.map((v) => Math.round(v * 10) / 10); // ties
    const binS = new Tensor(binaryScore, [N]);
    // Targets offset by 1000: merging batch statistics must stay stable for R².
    const regT = new Tensor(rand([N, 2], { generator: g, dtype: 'float64' }).data.map((v) => 1000 + v), [N, 2]);
    const regP = new Tensor(rand([N, 2], { generator: g, dtype: 'float64' }).data.map((v, i) => regT.data[i] + 0.3 * (v - 0.5)), [N, 2]);

    it(`label metrics (seed ${seed})`, () => {
      expect(streamed(new Accuracy(), yPred, yTrue, g)).toBe(accuracyScore(yTrue, yPred));
      expect(streamed(new Accuracy(), scores, yTrue, g)).toBe(accuracyScore(yTrue, scores));
      expect(streamed(new BalancedAccuracy(), yPred, yTrue, g)).toBe(balancedAccuracyScore(yTrue, yPred));
      for (const average of ['micro', 'macro', 'weighted', null] as const) {
        expect(streamed(new Precision({ average }), yPred, yTrue, g)).toEqual(precisionScore(yTrue, yPred, { average }));
        expect(streamed(new Recall({ average }), yPred, yTrue, g)).toEqual(recallScore(yTrue, yPred, { average }));
        expect(streamed(new F1Score({ average }), yPred, yTrue, g)).toEqual(f1Score(yTrue, yPred, { average }));
      }
      expect(streamed(new ConfusionMatrix(), yPred, yTrue, g).tolist()).toEqual(confusionMatrix(yTrue, yPred).tolist());
    });

    it(`score metrics (seed ${seed})`, () => {
      for (const k of [1, 2, 3]) expect(streamed(new TopKAccuracy({ k }), scores, yTrue, g)).toBe(topKAccuracyScore(yTrue, scores, { k }));
      expect(streamed(new TopKAccuracy({ k: 1 }), binS, binaryTrue, g)).toBe(topKAccuracyScore(binaryTrue, binS, { k: 1 }));
      for (const average of ['macro', 'weighted', 'micro', null] as const)
        expect(streamed(new RocAuc({ multiClass: 'ovr', average }), scores, yTrue, g)).toEqual(rocAucScore(yTrue, scores, { multiClass: 'ovr', average }));
      expect(streamed(new RocAuc(), binS, binaryTrue, g)).toBe(rocAucScore(binaryTrue, binS));
      expect(streamed(new LogLoss(), scores, yTrue, g)).toBe(logLoss(yTrue, scores));
      expect(streamed(new LogLoss(), binS, binaryTrue, g)).toBe(logLoss(binaryTrue, binS));
    });

    it(`regression metrics (seed ${seed})`, () => {
      expect(streamed(new MeanSquaredError(), regP, regT, g)).toBe(meanSquaredError(regT, regP));
      expect(streamed(new MeanAbsoluteError({ multioutput: 'raw_values' }), regP, regT, g)).toEqual(meanAbsoluteError(regT, regP, { multioutput: 'raw_values' }));
      const oneShot = r2Score(regT, regP, { multioutput: 'raw_values' });
      const stream = streamed(new R2Score({ multioutput: 'raw_values' }), regP, regT, g);
      stream.forEach((v, j) => expect(Math.abs(v - oneShot[j])).toBeLessThan(1e-12 * Math.abs(oneShot[j])));
    });
  }
});

describe('switches that are not true or false', () => {
  it("are refused by name: the string 'no' is truthy and meant yes", () => {
    expect(() => accuracyScore([0, 1], [0, 1], { normalize: 'no' as never })).toThrow('accuracyScore: expected normalize to be true or false, got the string "no"');
    expect(() => new Accuracy({ normalize: 0 as never })).toThrow('Accuracy: expected normalize to be true or false, got number 0');
    expect(() => balancedAccuracyScore([0, 1], [0, 1], { adjusted: 'y' as never })).toThrow('balancedAccuracyScore: expected adjusted to be true or false');
    expect(() => meanSquaredError([1], [1], { squared: 'no' as never })).toThrow('meanSquaredError: expected squared to be true or false');
    expect(() => logLoss([0], [[0.5, 0.5]], { normalize: 'no' as never })).toThrow('logLoss: expected normalize to be true or false');
    expect(() => topKAccuracyScore([0], [[0.9, 0.1]], { k: 1, normalize: 1 as never })).toThrow('topKAccuracyScore: expected normalize to be true or false');
    expect(accuracyScore([0, 1], [0, 0], { normalize: false })).toBe(1);
  });
});
