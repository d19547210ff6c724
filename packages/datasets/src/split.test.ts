import { describe, expect, it } from 'vitest';
import { trainValTestSplit } from './split.js';
import { TensorDataset } from './tensor-dataset.js';

/** Feature = row index, so a split's rows can be traced back. */
function indexed(labels: number[]): TensorDataset {
  return new TensorDataset(Float32Array.from(labels, (_, i) => i), Int32Array.from(labels), { featureShape: [1] });
}

describe('trainValTestSplit', () => {
  it('cuts disjoint parts of the requested sizes that cover every row', () => {
    const ds = indexed(Array.from({ length: 150 }, (_, i) => i % 3));
    const { train, val, test } = trainValTestSplit(ds, [0.7, 0.15, 0.15], { seed: 0 });
    expect([train.length, val.length, test.length]).toEqual([105, 23, 22]);
    const all = [...train.features, ...val.features, ...test.features].sort((a, b) => a - b);
    expect(all).toEqual([...Array(150).keys()]);
  });

  it('is reproducible from its seed and shuffles', () => {
    const ds = indexed(Array.from({ length: 40 }, (_, i) => i % 2));
    const a = trainValTestSplit(ds, [0.5, 0.25, 0.25], { seed: 5 });
    const b = trainValTestSplit(ds, [0.5, 0.25, 0.25], { seed: 5 });
    const c = trainValTestSplit(ds, [0.5, 0.25, 0.25], { seed: 6 });
    expect([...a.train.features]).toEqual([...b.train.features]);
    expect([...a.train.features]).not.toEqual([...c.train.features]);
    expect([...a.train.features]).not.toEqual([...Array(20).keys()]);
    const ordered = trainValTestSplit(ds, [0.5, 0.25, 0.25], { shuffle: false });
    expect([...ordered.test.features]).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it('keeps class proportions in every part when stratified', () => {
    // 60 of class 0, 30 of class 1, 10 of class 2.
    const labels = [...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)];
    const { train, val, test } = trainValTestSplit(indexed(labels), [0.6, 0.2, 0.2], { stratify: true, seed: 1 });
    expect([...train.classCounts()]).toEqual([36, 18, 6]);
    expect([...val.classCounts()]).toEqual([12, 6, 2]);
    expect([...test.classCounts()]).toEqual([12, 6, 2]);
    train.features.forEach((row, i) => expect(labels[row]).toBe(train.targets[i]));
    expect([...train.targets.slice(0, 36)]).not.toEqual(Array(36).fill(0));
  });

  it('stratifies only the classes present, in label order, however many classes there may be', () => {
    const labels = [4, 0, 4, 0, 4, 0, 4, 0];
    const few = trainValTestSplit(indexed(labels), [0.5, 0.25, 0.25], { stratify: true, seed: 3 });
    const many = new TensorDataset(Float32Array.from(labels, (_, i) => i), Int32Array.from(labels), { featureShape: [1], numClasses: 2 ** 24 });
    const split = trainValTestSplit(many, [0.5, 0.25, 0.25], { stratify: true, seed: 3 });
    expect([...split.train.features]).toEqual([...few.train.features]);
    expect([...split.test.features]).toEqual([...few.test.features]);
    expect(split.train.numClasses).toBe(2 ** 24);
  });

  it('gives an empty part for a zero fraction', () => {
    const { val } = trainValTestSplit(indexed([0, 1, 0, 1]), [0.5, 0, 0.5], { seed: 0 });
    expect(val.length).toBe(0);
  });

  it('refuses fractions that do not sum to 1, naming them', () => {
    const ds = indexed([0, 1]);
    expect(() => trainValTestSplit(ds, [0.8, 0.1, 0.2])).toThrow('trainValTestSplit: fractions must sum to 1, got [0.8, 0.1, 0.2] (sum 1.1)');
    expect(() => trainValTestSplit(ds, 0.8 as never)).toThrow('trainValTestSplit: expected fractions to be [train, val, test], got number 0.8');
    expect(() => trainValTestSplit({ length: 4 } as never, [0.5, 0.25, 0.25])).toThrow('trainValTestSplit: expected dataset to be a TensorDataset, got an object (Object)');
    expect(() => trainValTestSplit(ds, [0.8, 0.2])).toThrow('fractions must be [train, val, test], got [0.8, 0.2] (2 values)');
    expect(() => trainValTestSplit(ds, [1.2, -0.1, -0.1])).toThrow('fractions must each lie in [0, 1], got [1.2, -0.1, -0.1]');
  });

  it('refuses an unknown option', () => {
    expect(() => trainValTestSplit(indexed([0, 1]), [0.5, 0, 0.5], { stratified: true } as object)).toThrow("trainValTestSplit: unknown option 'stratified'");
  });

  it('refuses an empty dataset and stratifying regression targets', () => {
    expect(() => trainValTestSplit(indexed([]), [0.8, 0.1, 0.1])).toThrow('trainValTestSplit: dataset is empty: dataset.length is 0');
    const reg = new TensorDataset(new Float32Array(4), new Float32Array(4));
    expect(() => trainValTestSplit(reg, [0.5, 0.25, 0.25], { stratify: true })).toThrow('stratify needs class labels');
  });
});
