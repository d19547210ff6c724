import { MlpkitError, randn, manualSeed, tensor, Tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { covariance } from '../linalg/covariance-tensor.js';
import { PCA } from './pca.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';
import { ZCAWhitening } from './zca-whitening.js';

/** 200 correlated samples of 3 features, in float64. */
function data(): Tensor {
  manualSeed(1);
  const z = randn([200, 3], { dtype: 'float64' }).data;
  const out = new Float64Array(600);
  for (let i = 0; i < 200; i++) {
    out[i * 3] = 3 * z[i * 3] + 5;
    out[i * 3 + 1] = z[i * 3] + 0.5 * z[i * 3 + 1] - 2;
    out[i * 3 + 2] = 0.1 * z[i * 3 + 2];
  }
  return new Tensor(out, [200, 3]);
}

/** The largest |a[i] - b[i]|. */
function largestGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]));
  return gap;
}

describe('PCA', () => {
  it('finds orthonormal components ordered by variance, with deterministic signs', () => {
    const x = data();
    const pca = new PCA().fit(x);
    const c = pca.components.data, ev = pca.explainedVariance.data;
    expect(ev[0]).toBeGreaterThan(ev[1]);
    expect(ev[1]).toBeGreaterThan(ev[2]);
    for (let k = 0; k < 3; k++) {
      const row = Array.from(c.slice(k * 3, k * 3 + 3));
      expect(row.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
      const largest = row.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
      expect(largest).toBeGreaterThan(0);
    }
    // The output's covariance (ddof 1) is diag(explained variance).
    const cov = covariance(pca.transform(x)).data;
    expect(cov[0]).toBeCloseTo(ev[0], 10);
    expect(cov[1]).toBeCloseTo(0, 10);
    expect(Array.from(pca.explainedVarianceRatio.data).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(pca.singularValues.data[0]).toBeCloseTo(Math.sqrt(ev[0] * 199), 10);
  });

  it('whitens to identity covariance and inverts exactly with all components', () => {
    const x = data();
    const pca = new PCA({ whiten: true }).fit(x);
    const w = pca.transform(x);
    Array.from(covariance(w).data).forEach((v, i) => expect(v).toBeCloseTo(i % 4 === 0 ? 1 : 0, 10));
    Array.from(pca.inverseTransform(w).data).forEach((v, i) => expect(v).toBeCloseTo(x.data[i], 10));
  });

  it('whitens a zero-variance component by dividing by machine epsilon, as scikit-learn, not by 0', () => {
    const x = tensor([[1, 5, 2], [2, 5, 4], [4, 5, 3], [3, 5, 9]], { dtype: 'float64' }); // feature 1 is constant
    const pca = new PCA({ whiten: true }).fit(x);
    expect(pca.explainedVariance.data[2]).toBe(0);
    const w = pca.transform(x);
    expect(Array.from(w.data).every(Number.isFinite)).toBe(true);
    Array.from(pca.inverseTransform(w).data).forEach((v, i) => expect(v).toBeCloseTo(x.data[i], 10));
  });

  it('keeps nComponents (a count or a variance fraction) and reduces the output', () => {
    const x = data();
    const two = new PCA({ nComponents: 2 }).fit(x);
    expect(two.transform(x).shape).toEqual([200, 2]);
    expect(two.inverseTransform(two.transform(x)).shape).toEqual([200, 3]);
    expect(new PCA({ nComponents: 0.5 }).fit(x).nComponents).toBe(1);
    expect(() => new PCA({ nComponents: 4 }).fit(x)).toThrow(/integer in \[1, 3\].*got 4/);
    expect(() => new PCA().fit(tensor([[1, 2]]))).toThrow(/at least 2 sample/);
  });

  it('round-trips through JSON', () => {
    const x = data();
    const pca = new PCA({ nComponents: 2, whiten: true }).fit(x);
    const back = PCA.fromJSON(JSON.parse(JSON.stringify(pca)));
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(pca.transform(x).data));
    expect(Array.from(back.singularValues.data)).toEqual(Array.from(pca.singularValues.data));
    expect(() => new PCA().components).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => new PCA({ components: 2 } as object)).toThrow("PCA: unknown option 'components'");
  });

  it('refuses up front a covariance larger than one tensor may hold (2 samples of 100,000 features would need 74.5 GiB)', () => {
    const wide = zeros([2, 100_000]);
    const need = '100000 features need a 100000×100000 covariance matrix: a float64 tensor of 10000000000 elements needs 74.5 GiB, more than the 4.0 GiB one tensor may hold';
    expect(() => new ZCAWhitening().fit(wide)).toThrow(`ZCAWhitening.fit: ${need}`);
    expect(() => covariance(wide)).toThrow(`covariance: ${need}`);
    // PCA needs only the 2×2 Gram matrix of such data.
    const pca = new PCA().fit(wide);
    expect(pca.components.shape).toEqual([2, 100_000]);
    expect(Array.from(pca.explainedVariance.data)).toEqual([0, 0]);
  });

  it('fits 2 samples of 10,000 features through their 2×2 Gram matrix, as the closed form says', () => {
    manualSeed(6);
    const f = 10_000;
    const x = randn([2, f], { dtype: 'float64' });
    const pca = new PCA().fit(x);
    // Two samples span one direction, their difference d: variance |d|²/2, samples at ±|d|/2.
    const d = Array.from({ length: f }, (_, j) => x.data[j] - x.data[f + j]);
    const norm = Math.sqrt(d.reduce((s, v) => s + v * v, 0));
    const c = pca.components.data, sign = c[d.reduce((best, v, j) => (Math.abs(v) > Math.abs(d[best]) ? j : best), 0)] > 0 ? 1 : -1;
    expect(largestGap(c.subarray(0, f), d.map((v) => (sign * v) / norm))).toBeLessThan(1e-12);
    expect(pca.explainedVariance.data[0] / (norm ** 2 / 2)).toBeCloseTo(1, 12);
    expect(pca.explainedVariance.data[1]).toBeLessThan(1e-9);
    expect(pca.explainedVarianceRatio.data[0]).toBeCloseTo(1, 12);
    expect(largestGap(pca.mean.data, d.map((_, j) => (x.data[j] + x.data[f + j]) / 2))).toBeLessThan(1e-14);
    // The zero-variance second axis is a unit vector orthogonal to the first.
    let dot = 0, length = 0;
    for (let j = 0; j < f; j++) [dot, length] = [dot + c[j] * c[f + j], length + c[f + j] ** 2];
    expect(dot).toBeCloseTo(0, 12);
    expect(length).toBeCloseTo(1, 12);
    const y = pca.transform(x).data;
    [(sign * norm) / 2, 0, (-sign * norm) / 2, 0].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 9));
    expect(largestGap(pca.inverseTransform(pca.transform(x)).data, x.data)).toBeLessThan(1e-10);
    expect(Array.from(PCA.fromJSON(JSON.parse(JSON.stringify(pca))).transform(x).data)).toEqual(Array.from(y));
    // As scikit-learn, at most min(samples, features) components, whatever the rank.
    expect(() => new PCA({ nComponents: 3 }).fit(x)).toThrow(/integer in \[1, 2\].*got 3/);
  });

  describe('with whiten, keeps its scaled components per fitted state', () => {
    /** transform and inverseTransform, as plain arrays for bit-for-bit comparison. */
    const both = (pca: PCA, x: Tensor) => [Array.from(pca.transform(x).data), Array.from(pca.inverseTransform(pca.transform(x)).data)];
    const other = () => (manualSeed(7), randn([50, 3], { dtype: 'float64' }));

    it('gives, call after call, what a fresh PCA built from the same state gives', () => {
      const x = data();
      const pca = new PCA({ whiten: true }).fit(x);
      const first = both(pca, x);
      expect(both(pca, x)).toEqual(first);
      expect(both(PCA.fromJSON(JSON.parse(JSON.stringify(pca))), x)).toEqual(first);
    });

    it('rebuilds them after a second fit and after a state is loaded into a used PCA', () => {
      const [x1, x2] = [data(), other()];
      const pca = new PCA({ whiten: true }).fit(x1);
      const before = both(pca, x2);
      const expected = both(new PCA({ whiten: true }).fit(x2), x2);
      expect(expected).not.toEqual(before);
      expect(both(pca.fit(x2), x2)).toEqual(expected);
      // fromJSON loads into a new PCA; this reaches the same loader on one that kept them.
      class Reloadable extends PCA {
        reload(json: ScalerJSON): this {
          return this.restore(new ScalerReader(json, 'PCA'));
        }
      }
      const saved = JSON.parse(JSON.stringify(new PCA({ whiten: true }).fit(x1)));
      const used = new Reloadable({ whiten: true }).fit(x2);
      both(used, x2);
      expect(both(used.reload(saved), x2)).toEqual(before);
    });
  });
});
