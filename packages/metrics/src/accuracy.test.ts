import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Accuracy, accuracyScore } from './accuracy.js';

describe('accuracyScore', () => {
  it('is the fraction (or count) of correct predictions', () => {
    expect(accuracyScore([0, 2, 1, 3], [0, 1, 2, 3])).toBe(0.5);
    expect(accuracyScore([0, 2, 1, 3], [0, 1, 2, 3], { normalize: false })).toBe(2);
  });

  it('takes int32 Tensors, typed arrays, and scores whose argmax is the prediction', () => {
    const yTrue = tensor([0, 1, 2], { dtype: 'int32' });
    expect(accuracyScore(yTrue, Int32Array.from([0, 1, 1]))).toBeCloseTo(2 / 3, 15);
    const logits = tensor([[2, 1, 0], [0, 3, 1], [1, 1, 0.5]]); // last row ties: the first maximum (class 0) wins
    expect(accuracyScore(yTrue, logits)).toBeCloseTo(2 / 3, 15);
  });

  it('refuses unknown options', () => {
    expect(() => accuracyScore([0, 1], [0, 1], { normalise: false } as object)).toThrow("accuracyScore: unknown option 'normalise'");
    expect(() => new Accuracy({ normalise: false } as object)).toThrow("Accuracy: unknown option 'normalise'");
  });

  it('names the argument and the value on bad input', () => {
    expect(() => accuracyScore([0, 1], [0])).toThrow('accuracyScore: yPred: expected 2 samples to match yTrue, got 1');
    expect(() => accuracyScore([], [])).toThrow('accuracyScore: yTrue: expected at least one sample, got an empty array (0 samples)');
    expect(() => accuracyScore([0, -1], [0, 1])).toThrow('yTrue: expected non-negative integer class indices, got -1 at index 1');
    expect(() => accuracyScore([0, 1], [0, 0.5])).toThrow('yPred: expected non-negative integer class indices, got 0.5 at index 1');
    expect(() => accuracyScore([0, 4], [0, 1], { numClasses: 4 })).toThrow('yTrue: class index 4 at index 1 is out of range for numClasses 4');
    expect(() => accuracyScore([[0, 1]] as unknown as number[], [0])).toThrow(/yTrue: expected a 1-D array of class indices, got shape \[1, 2\]/);
    expect(() => accuracyScore([0], [0], { numClasses: 0 })).toThrow(MlpkitError);
    expect(() => accuracyScore([0, 1], tensor([[0.2], [0.9]]))).toThrow('yPred: expected class indices [N] or scores [N, C] with C ≥ 2, got shape [2, 1]');
  });
});

describe('Accuracy', () => {
  it('accumulates over batches and resets', () => {
    const acc = new Accuracy();
    acc.update([0, 1], [0, 0]);
    acc.update([], []);
    acc.update([2, 2, 1], [2, 2, 1]);
    expect(acc.compute()).toBe(0.8);
    acc.reset();
    expect(() => acc.compute()).toThrow('Accuracy.compute: expected at least one sample, got an empty dataset');
    acc.update([1], [0]);
    expect(acc.compute()).toBe(0);
  });

  it('refuses NaN or infinite scores, which have no argmax, as topKAccuracyScore and rocAucScore do', () => {
    expect(() => accuracyScore([0, 1], tensor([[NaN, NaN], [0.2, 0.8]]))).toThrow('accuracyScore: yPred: expected finite values, got NaN at index 0');
    expect(() => accuracyScore([0, 1], [[0.9, 0.1], [0.2, -Infinity]])).toThrow('accuracyScore: yPred: expected finite values, got -Infinity at index 3');
    expect(() => new Accuracy().update([[NaN, 1]], [1])).toThrow('Accuracy.update: preds: expected finite values, got NaN at index 0');
  });

  it('names update arguments in its errors', () => {
    expect(() => new Accuracy().update([0, 1], [0])).toThrow('Accuracy.update: preds: expected 1 samples to match targets, got 2');
    expect(() => new Accuracy({ numClasses: 2 }).update([0, 2], [0, 1])).toThrow('preds: class index 2 at index 1 is out of range for numClasses 2');
    expect(() => new Accuracy({ numClasses: 0 })).toThrow('Accuracy: numClasses: expected an integer in 1..65536, got 0');
  });
});
