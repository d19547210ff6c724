import { requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { l1Penalty, l2Penalty } from './index.js';

describe('l1Penalty and l2Penalty', () => {
  const params = () => [requiresGrad(tensor([[1, -2], [0, 3]])), requiresGrad(tensor([-0.5]))];

  it('sum |w| and w² over every parameter', () => {
    expect(l1Penalty(params()).item()).toBe(6.5);
    expect(l2Penalty(params()).item()).toBe(14.25);
  });

  it('give the gradients sign(w) and 2w', () => {
    const [w, b] = params();
    l1Penalty([w, b]).backward();
    expect(w.grad!.tolist()).toEqual([[1, -1], [0, 1]]);
    const [w2] = params();
    l2Penalty([w2]).backward();
    expect(w2.grad!.tolist()).toEqual([[2, -4], [0, 6]]);
  });

  it('are 0 without parameters and refuse integer ones', () => {
    expect(l2Penalty([]).item()).toBe(0);
    expect(() => l1Penalty([tensor([1], { dtype: 'int32' })])).toThrow(MlpkitError);
  });
});
