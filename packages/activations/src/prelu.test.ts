import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { prelu } from './index.js';

describe('prelu', () => {
  it('applies one shared slope, and sums its gradient over every x ≤ 0', () => {
    const x = requiresGrad(tensor([[1, -2], [-3, 4]]));
    const w = requiresGrad(tensor([0.25]));
    const y = prelu(x, w);
    expect(y.tolist()).toEqual([[1, -0.5], [-0.75, 4]]);
    y.sum().backward();
    expect(w.grad!.tolist()).toEqual([-5]);
    expect(x.grad!.tolist()).toEqual([[1, 0.25], [0.25, 1]]);
  });

  it('applies one slope per channel along dim 1, also for (N, C, L) inputs', () => {
    const x = tensor([-1, -2, -3, -4, 5, -6, -7, -8], { shape: [2, 2, 2] });
    const y = prelu(x, tensor([0.1, 0.5]));
    expect(Array.from(y.data)).toEqual([-0.1, -0.2, -1.5, -2, 5, -0.6, -3.5, -4].map(Math.fround));
  });

  it('has gradients in x and in the slopes that match finite differences', () => {
    const x = tensor([0.5, -1.5, 2, -0.3, -2.2, 1.1, 0.7, -0.9, 1.3, -1.7, 0.4, -0.6], { dtype: 'float64', shape: [2, 3, 2] });
    expect(gradcheck(prelu, [x, tensor([0.2, -0.1, 0.6], { dtype: 'float64' })]).ok).toBe(true);
    expect(gradcheck(prelu, [x, tensor([0.3], { dtype: 'float64' })]).ok).toBe(true);
  });

  it('refuses a weight that is neither one slope nor one per channel', () => {
    expect(() => prelu(tensor([[1, 2, 3]]), tensor([0.1, 0.2]))).toThrow(MlpkitError);
    expect(() => prelu(tensor([[1, 2, 3]]), tensor([0.1, 0.2]))).toThrow(/weight must have shape \[1\] or \[3\].*got \[2\]/);
  });
});
