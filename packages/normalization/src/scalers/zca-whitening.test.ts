import { Tensor, manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { covariance } from '../linalg/covariance-tensor.js';
import { ZCAWhitening } from './zca-whitening.js';

function data(): Tensor {
  manualSeed(2);
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

  it('refuses an unknown option', () => {
    expect(() => new ZCAWhitening({ epsilon: 1e-5 } as object)).toThrow("ZCAWhitening: unknown option 'epsilon'");
  });
});
