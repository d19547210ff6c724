import { MlpkitError, Tensor, manualSeed, randn, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { covariance } from '../linalg/covariance-tensor.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';
import { ZCAWhitening } from './zca-whitening.js';

function data(seed = 2): Tensor {
  manualSeed(seed);
  const z = randn([300, 2], { dtype: 'float64' }).data;
  return new Tensor(Float64Array.from(z, (v, i) => (i % 2 === 0 ? 4 * v + 1 : v + z[i - 1])), [300, 2]);
}

describe('ZCAWhitening', () => {
  it('gives (almost) identity covariance with a symmetric W', () => {
    const x = data();
    const zca = new ZCAWhitening({ eps: 0 }).fit(x);
    const w = zca.whiteningMatrix.data;
    expect(w[1]).toBeCloseTo(w[2], 14);
    Array.from(covariance(zca.transform(x), 0).data).forEach((v, i) => expect(v).toBeCloseTo(i % 3 === 0 ? 1 : 0, 10));
    Array.from(zca.covariance.data).forEach((v, i) => expect(v).toBeCloseTo(covariance(x, 0).data[i], 10));
  });

  it('eps shrinks the output variance below 1', () => {
    const x = data();
    const cov = covariance(new ZCAWhitening({ eps: 1 }).fitTransform(x), 0).data;
    expect(cov[0]).toBeLessThan(0.99);
  });

  it('inverts and round-trips through JSON', () => {
    const x = data();
    const zca = new ZCAWhitening().fit(x);
    Array.from(zca.inverseTransform(zca.transform(x)).data).forEach((v, i) => expect(v).toBeCloseTo(x.data[i], 10));
    const back = ZCAWhitening.fromJSON(JSON.parse(JSON.stringify(zca)));
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(zca.transform(x).data));
    expect(() => new ZCAWhitening({ eps: -1 })).toThrow(/eps must be >= 0, got -1/);
  });

  it('with eps = 0 refuses a singular covariance at fit, naming its direction, instead of whitening to NaN (eps > 0 whitens it)', () => {
    const constant = tensor([[1, 2], [1, 2], [1, 2]]);
    expect(() => new ZCAWhitening({ eps: 0 }).fit(constant)).toThrow(MlpkitError);
    expect(() => new ZCAWhitening({ eps: 0 }).fit(constant)).toThrow(
      'ZCAWhitening.fit: the covariance is singular: 2 of its 2 eigenvalues are at most 0 (smallest 0, largest 0), e.g. along [1, 0] (mostly feature 0), ' +
        'so whitening with eps = 0 would divide by about 0 and give NaN or Infinity; use eps > 0 (the default is 1e-5), or drop the constant or collinear features',
    );
    // Feature 1 is twice feature 0: the null direction is (2, -1, 0) / sqrt(5), up to its sign.
    const collinear = tensor([[1, 2, 3], [2, 4, 5], [3, 6, 1], [4, 8, 0]]);
    expect(() => new ZCAWhitening({ eps: 0 }).fit(collinear)).toThrow(/1 of its 3 eigenvalues .* along \[-?0\.894, -?0\.447, -?0\] \(mostly feature 0\)/);
    manualSeed(3);
    expect(() => new ZCAWhitening({ eps: 0 }).fit(randn([3, 5]))).toThrow(/ZCAWhitening\.fit: the covariance is singular: 3 of its 5 eigenvalues/);
    // eps > 0 is what makes such data whitenable, so it is still accepted.
    expect(Array.from(new ZCAWhitening().fitTransform(collinear).data).every(Number.isFinite)).toBe(true);
    expect(Array.from(new ZCAWhitening({ eps: 1e-3 }).fitTransform(constant).data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses an unknown option', () => {
    expect(() => new ZCAWhitening({ epsilon: 1e-5 } as object)).toThrow("ZCAWhitening: unknown option 'epsilon'");
  });

  describe('keeps W and its inverse per fitted state', () => {
    /** transform and inverseTransform of `x`, as plain arrays for bit-for-bit comparison. */
    const both = (zca: ZCAWhitening, x: Tensor) => [Array.from(zca.transform(x).data), Array.from(zca.inverseTransform(x).data)];
    const fresh = (zca: ZCAWhitening) => ZCAWhitening.fromJSON(JSON.parse(JSON.stringify(zca)));

    it('gives, call after call, what a fresh whitening built from the same state gives', () => {
      const x = data();
      const zca = new ZCAWhitening().fit(x);
      const first = both(zca, x);
      expect(both(zca, x)).toEqual(first);
      expect(both(fresh(zca), x)).toEqual(first);
    });

    it('rebuilds them after a second fit', () => {
      const [x1, x2] = [data(2), data(5)];
      const zca = new ZCAWhitening().fit(x1);
      const before = both(zca, x2);
      zca.fit(x2);
      const after = both(zca, x2);
      expect(after).not.toEqual(before);
      expect(after).toEqual(both(new ZCAWhitening().fit(x2), x2));
    });

    it('rebuilds them after a state is loaded into a used whitening', () => {
      // fromJSON loads into a new whitening; this reaches the same loader on one that kept W.
      class Reloadable extends ZCAWhitening {
        reload(json: ScalerJSON): this {
          return this.restore(new ScalerReader(json, 'ZCAWhitening'));
        }
      }
      const [x1, x2] = [data(2), data(5)];
      const saved = JSON.parse(JSON.stringify(new ZCAWhitening().fit(x2)));
      const zca = new Reloadable().fit(x1);
      both(zca, x2);
      expect(both(zca.reload(saved), x2)).toEqual(both(ZCAWhitening.fromJSON(saved), x2));
    });

    it('whiteningMatrix is a copy: writing into it leaves transform as it was', () => {
      const x = data();
      const zca = new ZCAWhitening().fit(x);
      const expected = both(fresh(zca), x);
      zca.whiteningMatrix.data.fill(0);
      zca.transform(x);
      zca.whiteningMatrix.data.fill(0);
      expect(both(zca, x)).toEqual(expected);
    });
  });
});
