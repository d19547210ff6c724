import { gradcheck } from '@mlpkit/autograd';
import { type Tensor, manualSeed, randn, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { layerNorm } from './layer-norm-function.js';

describe('layerNorm', () => {
  it('normalizes each row with its own mean and biased variance', () => {
    const y = layerNorm(tensor([[1, 2, 3], [5, 5, 5]], { dtype: 'float64' }), [3], { eps: 0.0 + 1e-12 });
    expect(y.data[0]).toBeCloseTo(-Math.sqrt(1.5), 9);
    expect(y.data[3]).toBe(0); // a constant row: output = bias (0)
  });

  it('stays accurate on rows offset by 1000 in float32', () => {
    const x = tensor([[1000.5, 999.5, 1001, 999]]);
    const y = layerNorm(x, 4);
    const want = [0.5, -0.5, 1, -1].map((v) => v / Math.sqrt(0.625 + 1e-5));
    Array.from(y.data).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it('normalizes over several trailing dims and passes gradcheck', () => {
    manualSeed(3);
    const x = randn([2, 3, 4], { dtype: 'float64' }), w = randn([3, 4], { dtype: 'float64' }), b = randn([3, 4], { dtype: 'float64' });
    const g = randn([2, 3, 4], { dtype: 'float64' });
    const fn = (xi: Tensor, wi: Tensor, bi: Tensor) => layerNorm(xi, [3, 4], { weight: wi, bias: bi }).mul(g).sum();
    expect(gradcheck(fn, [x, w, b], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 }).ok).toBe(true);
  });

  it('refuses a normalizedShape that does not match the trailing dims', () => {
    expect(() => layerNorm(zeros([2, 5]), [6])).toThrow('layerNorm: expected input with trailing dims [6] (normalizedShape), got shape [2, 5]');
    expect(() => layerNorm(zeros([2, 6]), [6], { weight: zeros([5]) })).toThrow(/weight must have shape \[6\]/);
  });

  it('refuses an unknown option', () => {
    expect(() => layerNorm(zeros([2, 6]), [6], { epsilon: 1e-5 } as object)).toThrow("layerNorm: unknown option 'epsilon'");
  });
});
