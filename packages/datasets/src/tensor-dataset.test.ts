import { describe, expect, it } from 'vitest';
import { MlpkitError } from '@mlpkit/tensor';
import { TensorDataset } from './tensor-dataset.js';

const small = (): TensorDataset =>
  new TensorDataset(Float32Array.from([0, 1, 10, 11, 20, 21]), Int32Array.from([0, 2, 1]), { featureShape: [2], numClasses: 3 });

describe('TensorDataset', () => {
  it('holds rows of features and labels', () => {
    const ds = small();
    expect(ds.length).toBe(3);
    expect(ds.rowSize).toBe(2);
    expect(ds.numClasses).toBe(3);
    expect(ds.x().shape).toEqual([3, 2]);
    expect(ds.x().data).toBe(ds.features);
    expect(ds.y().dtype).toBe('int32');
    expect([...ds.classCounts()]).toEqual([1, 1, 1]);
  });

  it('infers the feature shape and the class count', () => {
    const ds = new TensorDataset(new Float32Array(12), Int32Array.from([0, 1, 4]));
    expect(ds.featureShape).toEqual([4]);
    expect(ds.numClasses).toBe(5);
  });

  it('subsets rows into fresh arrays in the given order', () => {
    const sub = small().subset([2, 0]);
    expect([...sub.features]).toEqual([20, 21, 0, 1]);
    expect([...sub.targets]).toEqual([1, 0]);
    expect(sub.numClasses).toBe(3);
    expect(() => small().subset([3])).toThrow('subset: indices[0] must be an integer in [0, 3), got 3');
  });

  it('converts uint8 features to float32, once, through a function', () => {
    const ds = new TensorDataset(Uint8Array.from([0, 255, 127, 128]), Int32Array.from([0, 1]), { featureShape: [2, 1] });
    expect(ds.x().dtype).toBe('float32');
    expect([...ds.x().data]).toEqual([0, 255, 127, 128]);
    const f = ds.toFloat32((v) => v / 127.5 - 1);
    expect(f.features).toBeInstanceOf(Float32Array);
    expect(f.features[0]).toBe(-1);
    expect(f.features[1]).toBe(1);
    expect(f.featureShape).toEqual([2, 1]);
  });

  it('holds regression targets with a target shape', () => {
    const ds = new TensorDataset(new Float32Array(6), new Float32Array(6), { featureShape: [2], targetShape: [2] });
    expect(ds.length).toBe(3);
    expect(ds.numClasses).toBeNull();
    expect(ds.y().shape).toEqual([3, 2]);
    expect(() => ds.classCounts()).toThrow(MlpkitError);
  });

  it('refuses labels out of range, naming the index and value', () => {
    expect(() => new TensorDataset(new Float32Array(3), Int32Array.from([0, 3, 1]), { numClasses: 3 }))
      .toThrow('TensorDataset: labels must lie in [0, 3), got labels[1] = 3');
    expect(() => new TensorDataset(new Float32Array(2), Int32Array.from([0, -1])))
      .toThrow('labels must lie in [0, 1), got labels[1] = -1');
  });

  it('caps the class count at 2^24, given or inferred from the labels', () => {
    expect(() => new TensorDataset(new Float32Array(2), Int32Array.from([0, 1]), { numClasses: 5e7 }))
      .toThrow('TensorDataset: numClasses must be an integer in 0..16777216, got 50000000');
    expect(() => new TensorDataset(new Float32Array(2), Int32Array.from([0, 2 ** 31 - 1])))
      .toThrow('TensorDataset: numClasses (the largest label + 1) must be an integer in 0..16777216, got 2147483648');
    expect(() => new TensorDataset(new Float32Array(1), Int32Array.from([0]), { numClasses: 1.5 })).toThrow('numClasses must be an integer');
    expect(new TensorDataset(new Float32Array(1), Int32Array.from([0]), { numClasses: 2 ** 24 }).classCounts().length).toBe(2 ** 24);
  });

  it('refuses features and targets of different lengths', () => {
    expect(() => new TensorDataset(new Float32Array(10), Int32Array.from([0, 1, 1]), { featureShape: [4] }))
      .toThrow('TensorDataset: features has 10 values but targets has 3 rows of featureShape [4] (needs 12)');
  });

  it('refuses features that cannot be cut into one row per target', () => {
    expect(() => new TensorDataset(new Float32Array(3), Int32Array.from([0, 1])))
      .toThrow('TensorDataset: features has 3 values, not a multiple of the 2 rows targets has');
  });

  it('refuses classNames that do not match numClasses', () => {
    expect(() => new TensorDataset(new Float32Array(2), Int32Array.from([0, 1]), { numClasses: 2, classNames: ['a'] }))
      .toThrow('classNames has 1 names but numClasses is 2');
  });

  it('refuses shapes, names and storage of the wrong type, naming the argument', () => {
    const make = (f: unknown, t: unknown, options: object = {}) => () => new TensorDataset(f as Float32Array, t as Int32Array, options);
    expect(make(new Float32Array(4), Int32Array.from([0]), { featureShape: 4 })).toThrow('TensorDataset: expected featureShape (an array of non-negative integers), got number 4');
    expect(make(new Float32Array(4), new Float32Array(2), { targetShape: [-2] })).toThrow('TensorDataset: expected non-negative integer dims, got -2 at dim 0 of targetShape [-2]');
    expect(make(new Float32Array(3), Int32Array.from([0, 1, 2]), { classNames: 'abc' })).toThrow('TensorDataset: expected classNames to be an array of strings, got the string "abc"');
    expect(make(new Float32Array(2), Int32Array.from([0, 1]), { featureNames: [1] })).toThrow('expected featureNames to be an array of strings, got an array of length 1');
    expect(make([1, 2], Int32Array.from([0]))).toThrow('TensorDataset: expected features in a Uint8Array, Float32Array, Float64Array or Int32Array, got an array of length 2');
    expect(make(new Float32Array(2), [0])).toThrow('TensorDataset: expected targets in an Int32Array (labels) or a Float32Array (values), got an array of length 1');
  });

  it('refuses an unknown option', () => {
    expect(() => new TensorDataset(new Float32Array(2), Int32Array.from([0, 1]), { shape: [1] } as object)).toThrow("TensorDataset: unknown option 'shape'");
  });

  it('finds a NaN or infinity in the data when it is made, naming the example and feature', () => {
    const features = Float32Array.from({ length: 12 }, (_, i) => i);
    features[7] = Number.NaN;
    expect(() => new TensorDataset(features, Int32Array.from([0, 1, 0]), { featureShape: [4] }))
      .toThrow('TensorDataset: features holds NaN at example 1, feature 3 (features[7]): expected finite numbers');
    expect(() => new TensorDataset(new Float64Array(4), Float32Array.from([0, -Infinity]), { targetShape: [1] }))
      .toThrow('TensorDataset: targets holds -Infinity at example 1, target 0 (targets[1])');
    const ds = new TensorDataset(new Float32Array(4), Int32Array.from([0, 1]));
    expect(() => ds.toFloat32((v) => v / 0)).toThrow('features holds NaN at example 0, feature 0');
  });
});
