import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, exp, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { logSoftmax, softmax } from './index.js';

describe('softmax and logSoftmax', () => {
  it('are stable at ±100 logits, where a naive exp overflows', () => {
    const logits = tensor([[100, -100, 30, 0], [100, 100, 100, 100], [-100, -100, -100, -100]]);
    const p = softmax(logits);
    expect(Array.from(p.data).every(Number.isFinite)).toBe(true);
    expect(p.data[0]).toBeCloseTo(1, 6);
    expect(Array.from(p.data.slice(4))).toEqual(Array(8).fill(0.25));
    const logp = logSoftmax(logits);
    expect(logp.data[1]).toBeCloseTo(-200, 3);
    expect(logp.data[4]).toBeCloseTo(Math.log(0.25), 6);
  });

  it('give rows that sum to 1, and logSoftmax = log softmax', () => {
    const x = tensor([[1, 2, 3], [0.5, -1, 4]], { dtype: 'float64' });
    const p = softmax(x);
    expect(p.sum(1).tolist()).toEqual([1, 1].map((v) => expect.closeTo(v, 14)));
    Array.from(exp(logSoftmax(x)).data).forEach((v, i) => expect(v).toBeCloseTo(p.data[i], 14));
  });

  it('work over any dim (columns with dim 0)', () => {
    const x = tensor([[1, 2], [3, 5]]);
    const p = softmax(x, 0);
    expect(p.sum(0).tolist()).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
    expect(p.data[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
  });

  it('have vector-Jacobian products that match finite differences along every dim', () => {
    const x = tensor([0.3, -1.2, 2.5, 0.1, 1.4, -0.6, 0.8, -2.2, 0.05, 1.9, -0.4, 0.7], { dtype: 'float64', shape: [2, 3, 2] });
    for (const dim of [0, 1, 2, -1]) {
      expect(gradcheck((v) => softmax(v, dim), [x]).ok).toBe(true);
      expect(gradcheck((v) => logSoftmax(v, dim), [x]).ok).toBe(true);
    }
  });

  it('send no gradient to a shift of a whole row (softmax is shift-invariant)', () => {
    const x = requiresGrad(tensor([[1, 2, 3]], { dtype: 'float64' }));
    logSoftmax(x).sum().backward();
    // Σ_c of the gradient of Σ_c log p_c is C − C·Σ p = 0.
    expect(x.grad!.sum().item()).toBeCloseTo(0, 12);
  });

  it('refuse a dim the input does not have', () => {
    expect(() => softmax(tensor([[1, 2]]), 2)).toThrow(MlpkitError);
    expect(() => logSoftmax(tensor([[1, 2]]), -3)).toThrow(/logSoftmax/);
  });
});
