import { requiresGrad } from '@mlpkit/autograd';
import { add, mul, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';

// 4-mlp-and-backpropagation: the computational graph f(x, y, z) = (x + y)·z at (−2, 5, −4).
describe('backpropagation through f(x, y, z) = (x + y) z', () => {
  it('gives f = −12 and ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = x + y = 3', () => {
    const x = requiresGrad(tensor(-2));
    const y = requiresGrad(tensor(5));
    const z = requiresGrad(tensor(-4));
    const q = add(x, y);
    const f = mul(q, z);
    f.backward();
    expect(f.item()).toBe(-12);
    expect(x.grad!.item()).toBe(-4);
    expect(y.grad!.item()).toBe(-4);
    expect(z.grad!.item()).toBe(3);
  });
});
