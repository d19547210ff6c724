import { describe, expect, it } from 'vitest';
import { ConfusionMatrix, confusionMatrix } from './confusion-matrix.js';

describe('confusionMatrix', () => {
  it('counts true class i predicted as j in an int32 Tensor', () => {
    const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
    expect(cm.dtype).toBe('int32');
    expect(cm.tolist()).toEqual([[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
  });

  it('orders and restricts rows and columns by labels', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], { labels: [2, 0] }).tolist()).toEqual([[2, 1], [0, 2]]);
    expect(confusionMatrix([0, 1], [0, 1], { numClasses: 3 }).shape).toEqual([3, 3]);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow('labels: expected at least one label that occurs in yTrue, got [5]');
  });

  it('normalizes over rows, columns or everything', () => {
    const yTrue = [0, 0, 1, 1], yPred = [0, 1, 1, 1];
    expect(confusionMatrix(yTrue, yPred, { normalize: 'true' }).tolist()).toEqual([[0.5, 0.5], [0, 1]]);
    expect(confusionMatrix(yTrue, yPred, { normalize: 'pred' }).tolist()).toEqual([[1, 1 / 3], [0, 2 / 3]]);
    expect(confusionMatrix(yTrue, yPred, { normalize: 'all' }).tolist()).toEqual([[0.25, 0.25], [0, 0.5]]);
    expect(confusionMatrix([0], [0], { numClasses: 2, normalize: 'true' }).tolist()).toEqual([[1, 0], [0, 0]]);
    expect(() => confusionMatrix([0], [0], { normalize: 'rows' as 'true' })).toThrow(/normalize: expected 'true', 'pred', 'all' or null, got "rows"/);
  });

  it('refuses unknown options', () => {
    expect(() => confusionMatrix([0, 1], [0, 1], { normalise: 'true' } as object)).toThrow("confusionMatrix: unknown option 'normalise'");
    expect(() => new ConfusionMatrix({ normalise: 'true' } as object)).toThrow("ConfusionMatrix: unknown option 'normalise'");
  });

  it('streams with a fixed shape', () => {
    const cm = new ConfusionMatrix({ numClasses: 3 });
    cm.update([0, 0], [0, 1]);
    cm.update([2], [2]);
    expect(cm.compute().tolist()).toEqual([[1, 0, 0], [1, 0, 0], [0, 0, 1]]);
    expect(() => cm.update([3], [0])).toThrow('ConfusionMatrix.update: preds: class index 3 at index 0 is out of range for numClasses 3');
  });

  it('refuses a numClasses that is not an integer in 1..65536, and a matrix too large to allocate', () => {
    expect(() => confusionMatrix([0, 1], [0, 1], { numClasses: 1e6 })).toThrow('confusionMatrix: numClasses: expected an integer in 1..65536, got 1000000');
    expect(() => confusionMatrix([0, 1], [0, 1], { numClasses: 2.5 })).toThrow(/numClasses: expected an integer in 1\.\.65536, got 2.5/);
    expect(() => new ConfusionMatrix({ numClasses: '3' as never })).toThrow('ConfusionMatrix: numClasses: expected an integer in 1..65536, got the string "3"');
    expect(() => confusionMatrix([0, 1], [0, 1], { numClasses: 40000 })).toThrow(/confusionMatrix: a int32 tensor of 1600000000 elements needs .*, more than the .* one tensor may hold/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: Array.from({ length: 40000 }, (_, i) => i) })).toThrow(/1600000000 elements/);
  });
});
