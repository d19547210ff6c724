import { describe, expect, it } from 'vitest';
import { makeBlobs, makeCircles, makeMoons, makeSpirals, makeXor } from './toy-classification.js';
import { makeLinearRegression, makePolynomialRegression } from './toy-regression.js';

const point = (x: ArrayLike<number>, i: number): [number, number] => [x[2 * i], x[2 * i + 1]];

describe('toy classification generators', () => {
  it('are reproducible from a seed and differ across seeds', () => {
    for (const make of [makeMoons, makeCircles, makeSpirals, makeXor, makeBlobs]) {
      const a = make({ nSamples: 40, noise: 0.1, seed: 3 });
      const b = make({ nSamples: 40, noise: 0.1, seed: 3 });
      const c = make({ nSamples: 40, noise: 0.1, seed: 4 });
      expect([...a.features]).toEqual([...b.features]);
      expect([...a.features]).not.toEqual([...c.features]);
      expect(a.x().shape).toEqual([40, 2]);
    }
  });

  it('makes moons on their two half circles without noise', () => {
    const ds = makeMoons({ nSamples: 21, seed: 0 });
    expect([...ds.classCounts()]).toEqual([10, 11]);
    for (let i = 0; i < ds.length; i++) {
      const [x, y] = point(ds.features, i);
      const [cx, cy] = ds.targets[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(1, 5);
      expect(ds.targets[i] === 0 ? y >= -1e-6 : y <= 0.5 + 1e-6).toBe(true);
    }
  });

  it('makes circles of radius 1 and factor', () => {
    const ds = makeCircles({ nSamples: 30, factor: 0.5, seed: 0 });
    for (let i = 0; i < ds.length; i++) expect(Math.hypot(...point(ds.features, i))).toBeCloseTo(ds.targets[i] === 0 ? 1 : 0.5, 5);
  });

  it('makes spirals with balanced classes inside the unit disc', () => {
    const ds = makeSpirals({ nSamples: 300, nClasses: 3, seed: 0 });
    expect([...ds.classCounts()]).toEqual([100, 100, 100]);
    for (let i = 0; i < ds.length; i++) expect(Math.hypot(...point(ds.features, i))).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('labels XOR by quadrant', () => {
    const ds = makeXor({ nSamples: 200, seed: 1 });
    for (let i = 0; i < ds.length; i++) {
      const [x, y] = point(ds.features, i);
      expect(ds.targets[i]).toBe(x * y < 0 ? 1 : 0);
    }
  });

  it('puts blobs around their given centres', () => {
    const centers = [[-5, -5], [5, 5]];
    const ds = makeBlobs({ nSamples: 400, centers, clusterStd: 0.5, seed: 2 });
    const sums = [[0, 0], [0, 0]];
    for (let i = 0; i < ds.length; i++) {
      const [x, y] = point(ds.features, i);
      sums[ds.targets[i]][0] += x / 200; sums[ds.targets[i]][1] += y / 200;
    }
    sums.forEach((s, k) => s.forEach((v, d) => expect(v).toBeCloseTo(centers[k][d], 0)));
  });

  it('refuses bad sizes and noise, naming them', () => {
    expect(() => makeMoons({ nSamples: 0 })).toThrow('makeMoons: nSamples must be an integer >= 1, got 0');
    expect(() => makeCircles({ noise: -1 })).toThrow('makeCircles: noise must be >= 0, got -1');
    expect(() => makeSpirals({ nClasses: 1 })).toThrow('nClasses must be an integer >= 2, got 1');
  });

  it('refuse sizes beyond one tensor and class counts beyond 2^24, as errors that say so', () => {
    expect(() => makeBlobs({ nSamples: 1e12 })).toThrow('makeBlobs: a float32 tensor of 2000000000000 elements needs 7450.6 GiB, more than the 4.0 GiB one tensor may hold');
    expect(() => makeBlobs({ nFeatures: 1e12 })).toThrow('makeBlobs: a float32 tensor of 100000000000000 elements');
    expect(() => makeBlobs({ centers: 1e12 })).toThrow('makeBlobs: centers must be an integer in 0..16777216, got 1000000000000');
    expect(() => makeMoons({ nSamples: 1e12 })).toThrow('makeMoons: a float32 tensor');
    expect(() => makeXor({ nSamples: 1e12 })).toThrow('makeXor: a float32 tensor');
    expect(() => makeSpirals({ nClasses: 1e12 })).toThrow('makeSpirals: nClasses must be an integer in 0..16777216');
  });

  it('refuse unknown options', () => {
    const bad = { samples: 10 } as object;
    expect(() => makeMoons(bad)).toThrow("makeMoons: unknown option 'samples'");
    expect(() => makeCircles(bad)).toThrow("makeCircles: unknown option 'samples'");
    expect(() => makeSpirals(bad)).toThrow("makeSpirals: unknown option 'samples'");
    expect(() => makeXor(bad)).toThrow("makeXor: unknown option 'samples'");
    expect(() => makeBlobs(bad)).toThrow("makeBlobs: unknown option 'samples'");
  });
});

describe('toy regression generators', () => {
  it('makes y = x·w + b exactly without noise', () => {
    const { dataset, weights, bias } = makeLinearRegression({ nSamples: 20, weights: [2, -3.4], bias: 4.2, seed: 0 });
    expect(dataset.y().shape).toEqual([20, 1]);
    for (let i = 0; i < 20; i++) {
      const [a, b] = point(dataset.features, i);
      expect(dataset.targets[i]).toBeCloseTo(a * weights[0] + b * weights[1] + bias, 4);
    }
  });

  it('makes a polynomial of x within xRange', () => {
    const { dataset } = makePolynomialRegression({ nSamples: 50, coefficients: [1, 0, -2], xRange: [-2, 3], seed: 0 });
    for (let i = 0; i < 50; i++) {
      const x = dataset.features[i];
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(3);
      expect(dataset.targets[i]).toBeCloseTo(1 - 2 * x * x, 4);
    }
  });

  it('refuse sizes beyond one tensor', () => {
    expect(() => makeLinearRegression({ nFeatures: 1e12 })).toThrow('makeLinearRegression: a float32 tensor of 100000000000000 elements');
    expect(() => makePolynomialRegression({ nSamples: 1e12 })).toThrow('makePolynomialRegression: a float32 tensor of 1000000000000 elements');
  });

  it('refuse unknown options', () => {
    expect(() => makeLinearRegression({ coefficients: [1] } as object)).toThrow("makeLinearRegression: unknown option 'coefficients'");
    expect(() => makePolynomialRegression({ weights: [1] } as object)).toThrow("makePolynomialRegression: unknown option 'weights'");
  });
});
