import { describe, expect, it } from 'vitest';
import { Generator } from '@mlpkit/tensor';
import { DataLoader } from './data-loader.js';
import { TensorDataset } from './tensor-dataset.js';

/** Row i holds [i, 100 + i] and label i % 3, so every batch can be checked against its indices. */
function rows(n: number): TensorDataset {
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) { x[2 * i] = i; x[2 * i + 1] = 100 + i; }
  return new TensorDataset(x, Int32Array.from({ length: n }, (_, i) => i % 3), { featureShape: [2] });
}

const firstColumn = (loader: Iterable<{ x: { data: ArrayLike<number> } }>): number[] =>
  [...loader].flatMap((b) => Array.from(b.x.data).filter((_, j) => j % 2 === 0));

describe('DataLoader', () => {
  it('yields batches in order, the last one short, as zero-copy views', () => {
    const ds = rows(10);
    const loader = new DataLoader(ds, { batchSize: 4 });
    const batches = [...loader];
    expect(loader.length).toBe(3);
    expect(batches.map((b) => b.x.shape)).toEqual([[4, 2], [4, 2], [2, 2]]);
    expect(batches[1].y.shape).toEqual([4]);
    expect([...batches[2].y.data]).toEqual([8 % 3, 9 % 3]);
    expect(batches[1].x.data.buffer).toBe(ds.features.buffer);
    expect(batches[1].y.data.buffer).toBe(ds.targets.buffer);
    expect(firstColumn(loader)).toEqual([...Array(10).keys()]);
  });

  it('drops the short last batch with dropLast', () => {
    const loader = new DataLoader(rows(10), { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect([...loader].map((b) => b.x.shape[0])).toEqual([4, 4]);
  });

  it('shuffles every epoch differently, each row once, rows kept together', () => {
    const loader = new DataLoader(rows(50), { batchSize: 8, shuffle: true, seed: 7 });
    const e0 = [...loader], e1 = [...loader];
    const order0 = e0.flatMap((b) => [...b.indices]), order1 = e1.flatMap((b) => [...b.indices]);
    expect([...order0].sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(order0).not.toEqual(order1);
    expect(order0).not.toEqual([...Array(50).keys()]);
    for (const b of e0) {
      b.indices.forEach((r, i) => {
        expect(b.x.data[2 * i]).toBe(r);
        expect(b.x.data[2 * i + 1]).toBe(100 + r);
        expect(b.y.data[i]).toBe(r % 3);
      });
    }
  });

  it('replays the same order from the same seed, and epoch e from (seed, e) alone', () => {
    const a = new DataLoader(rows(30), { batchSize: 5, shuffle: true, seed: 42 });
    const b = new DataLoader(rows(30), { batchSize: 5, shuffle: true, seed: 42 });
    const c = new DataLoader(rows(30), { batchSize: 5, shuffle: true, seed: 43 });
    for (let epoch = 0; epoch < 2; epoch++) Array.from(a);
    expect([...a.order(2)]).toEqual([...b.iterEpoch(2)].flatMap((x) => [...x.indices]));
    expect(firstColumn(a.iterEpoch(0))).toEqual(firstColumn(b));
    expect([...a.order(0)]).not.toEqual([...c.order(0)]);
  });

  it('draws its seed from a generator when given one', () => {
    const a = new DataLoader(rows(30), { shuffle: true, generator: new Generator(3) });
    const b = new DataLoader(rows(30), { shuffle: true, generator: new Generator(3) });
    expect(a.seed).toBe(b.seed);
    expect([...a.order(0)]).toEqual([...b.order(0)]);
  });

  it('turns uint8 pixels into float32 batches and applies the transforms', () => {
    const ds = new TensorDataset(Uint8Array.from([0, 255, 51, 102, 255, 0]), Int32Array.from([0, 1, 1]), { featureShape: [2] });
    for (const shuffle of [false, true]) {
      const loader = new DataLoader(ds, {
        batchSize: 3, shuffle, seed: 1,
        transform: (x) => x.div(255),
        targetTransform: (y) => y.add(10),
      });
      const [batch] = [...loader];
      expect(batch.x.dtype).toBe('float32');
      batch.indices.forEach((r, i) => {
        expect(batch.x.data[2 * i]).toBeCloseTo(ds.features[2 * r] / 255, 6);
        expect(batch.y.data[i]).toBe(ds.targets[r] + 10);
      });
    }
  });

  it('refuses a batch size of 0 and an empty dataset, naming them', () => {
    expect(() => new DataLoader(rows(4), { batchSize: 0 })).toThrow('DataLoader: batchSize must be an integer >= 1, got 0');
    expect(() => new DataLoader(rows(4), { batchSize: 2.5 })).toThrow('batchSize must be an integer >= 1, got 2.5');
    expect(() => new DataLoader(null as never)).toThrow('DataLoader: expected dataset to be a TensorDataset, got null');
    expect(() => new DataLoader({ length: 4 } as never)).toThrow('DataLoader: expected dataset to be a TensorDataset, got an object (Object)');
    const empty = new TensorDataset(new Float32Array(0), new Int32Array(0), { featureShape: [2] });
    expect(() => new DataLoader(empty)).toThrow('DataLoader: dataset is empty: dataset.length is 0');
  });

  it('refuses an unknown option', () => {
    expect(() => new DataLoader(rows(4), { batch_size: 2 } as object)).toThrow("DataLoader: unknown option 'batch_size'");
  });

  it('finds a NaN written into the dataset after it was made, before any batch', () => {
    const ds = new TensorDataset(new Float32Array(6), Int32Array.from([0, 1, 0]));
    ds.features[5] = Number.POSITIVE_INFINITY;
    expect(() => new DataLoader(ds, { batchSize: 2 }))
      .toThrow('DataLoader: features holds Infinity at example 2, feature 1 (features[5])');
  });
});

describe('DataLoader switches and transforms of the wrong type', () => {
  const ds = () => new TensorDataset(new Float32Array(8), new Int32Array(4));
  it("refuses them when made: shuffle: 'no' shuffled, transform: 5 failed only at the first batch", () => {
    expect(() => new DataLoader(ds(), { shuffle: 'no' as never })).toThrow('DataLoader: expected shuffle to be true or false, got the string "no"');
    expect(() => new DataLoader(ds(), { dropLast: 1 as never })).toThrow('DataLoader: expected dropLast to be true or false');
    expect(() => new DataLoader(ds(), { transform: 5 as never })).toThrow('DataLoader: transform: expected a function of a batch tensor, got number 5');
    expect(() => [...new DataLoader(ds(), { batchSize: 2, targetTransform: (() => [1, 2]) as never })]).toThrow('DataLoader: expected the result of targetTransform to be a Tensor, got an array of length 2');
  });
});
