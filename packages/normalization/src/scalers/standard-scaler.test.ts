import { MlpkitError, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { StandardScaler } from './standard-scaler.js';

const x = tensor([[1, 10], [2, 10], [3, 10], [6, 10]]);

describe('StandardScaler', () => {
  it('z-scores each feature with the population std and gives a constant feature scale 1', () => {
    const s = new StandardScaler().fit(x);
    expect(Array.from(s.mean.data)).toEqual([3, 10]);
    expect(Array.from(s.var.data)).toEqual([3.5, 0]);
    expect(Array.from(s.scale.data)).toEqual([Math.sqrt(3.5), 1]);
    const z = s.transform(x);
    expect(z.dtype).toBe('float32');
    expect(z.data[0]).toBeCloseTo(-2 / Math.sqrt(3.5), 6);
    expect(z.data[1]).toBe(0);
  });

  it('inverseTransform undoes transform, and withMean/withStd switch the parts off', () => {
    const s = new StandardScaler().fit(x.double());
    expect(Array.from(s.inverseTransform(s.transform(x.double())).data)).toEqual(Array.from(x.data).map((v) => expect.closeTo(v, 12)));
    const noMean = new StandardScaler({ withMean: false }).fitTransform(x);
    expect(noMean.data[0]).toBeCloseTo(1 / Math.sqrt(3.5), 6);
    const noStd = new StandardScaler({ withStd: false }).fitTransform(x);
    expect(noStd.data[6]).toBe(3);
    expect(() => new StandardScaler({ withStd: false }).fit(x).var).toThrow(MlpkitError);
  });

  it('keeps the statistics through toJSON / fromJSON', () => {
    const s = new StandardScaler().fit(x);
    const back = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(s.transform(x).data));
    expect(back.nFeaturesIn).toBe(2);
  });

  it('refuses transform before fit, with a hint to fit on training data', () => {
    expect(() => new StandardScaler().transform(x)).toThrow(/StandardScaler.transform: this scaler is not fitted yet: call fit\(trainingData\)/);
    expect(() => new StandardScaler().inverseTransform(x)).toThrow(MlpkitError);
  });

  it('refuses a different feature count and names both numbers', () => {
    const s = new StandardScaler().fit(zeros([3, 784]));
    expect(() => s.transform(zeros([2, 783]))).toThrow('StandardScaler.transform: fitted on 784 features, got 783 (input shape [2, 783])');
  });

  it('flattens trailing dims into features and keeps the input shape', () => {
    const images = tensor([[[1, 2], [3, 4]], [[3, 4], [5, 6]]]);
    const s = new StandardScaler().fit(images);
    expect(s.nFeaturesIn).toBe(4);
    expect(s.transform(images).shape).toEqual([2, 2, 2]);
  });

  it('reports NaN and Infinity with their position, in fit and in transform', () => {
    const bad = tensor([[1, 2], [3, Number.NaN]]);
    expect(() => new StandardScaler().fit(bad)).toThrow('StandardScaler.fit: input contains NaN at [1, 1] (flat index 3)');
    const s = new StandardScaler().fit(x);
    expect(() => s.transform(tensor([[Number.POSITIVE_INFINITY, 0]]))).toThrow(/Infinity at \[0, 0\]/);
  });

  it('refuses 1-D input', () => {
    expect(() => new StandardScaler().fit(tensor([1, 2, 3]))).toThrow(/expected a 2-D \(samples, features\) input.*got shape \[3\]/);
  });

  it('refuses an unknown option', () => {
    expect(() => new StandardScaler({ withMeans: false } as object)).toThrow("StandardScaler: unknown option 'withMeans'");
  });
});
