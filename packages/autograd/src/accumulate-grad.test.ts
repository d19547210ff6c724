import { type Backend, Tensor, type TypedArray, add, mul, referenceBackend, setBackend, sum, tensor } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { customOp, requiresGrad } from './index.js';

afterEach(() => setBackend(referenceBackend));

describe('gradient accumulation into an existing .grad', () => {
  it('adds in place after the first accumulation, so a reference to the gradient sees later passes', () => {
    const x = requiresGrad(tensor([1, 2]));
    sum(mul(x, 3)).backward();
    sum(mul(x, 3)).backward();
    const grad = x.grad!;
    expect(Array.from(grad.data)).toEqual([6, 6]);
    sum(mul(x, 3)).backward();
    expect(x.grad).toBe(grad);
    expect(Array.from(grad.data)).toEqual([9, 9]);
  });

  it('never writes into a gradient that shares storage with another leaf\'s (add gives both inputs the same tensor)', () => {
    const a = requiresGrad(tensor([1, 2])), b = requiresGrad(tensor([3, 4]));
    add(a, b).backward(tensor([1, 1]));
    expect(a.grad).toBe(b.grad); // the very same tensor, as the rule returned it
    const shared = a.grad!;
    sum(mul(a, 5)).backward();
    expect(Array.from(a.grad!.data)).toEqual([6, 6]);
    expect(Array.from(b.grad!.data)).toEqual([1, 1]);
    expect(Array.from(shared.data)).toEqual([1, 1]);
  });

  it('sums out of place a gradient of another dtype or shape that a user assigned', () => {
    const x = requiresGrad(tensor([1, 2]));
    const odd = new Tensor(Float64Array.of(1, 1), [2]);
    x.grad = odd;
    sum(mul(x, 2)).backward();
    expect(x.grad!.dtype).toBe('float64');
    expect(Array.from(x.grad!.data)).toEqual([3, 3]);
    expect(Array.from(odd.data)).toEqual([1, 1]);
  });

  it('moves a leaf\'s gradient into long-lived storage once, then adds there with the backend\'s axpy', () => {
    const copies: TypedArray[] = [];
    let axpys = 0;
    const backend: Backend = { ...referenceBackend, kernels: { ...referenceBackend.kernels,
      residentCopy: (v) => { const c = Float32Array.from(v as Float32Array); copies.push(c); return c; },
      axpy: (y, alpha, x) => { if (!copies.includes(y)) return false; axpys++; for (let i = 0; i < y.length; i++) y[i] += alpha * x[i]; return true; },
    } };
    setBackend(backend);
    const x = requiresGrad(tensor([1, 2, 3]));
    for (let pass = 0; pass < 4; pass++) sum(mul(x, 2)).backward();
    expect(copies).toHaveLength(1);
    expect(x.grad!.data).toBe(copies[0]);
    expect(axpys).toBe(3);
    expect(Array.from(x.grad!.data)).toEqual([8, 8, 8]);
    x.grad = tensor([0, 0, 0]); // a user's own gradient: copied, but never into the bounded region again
    sum(mul(x, 2)).backward();
    expect(copies).toHaveLength(1);
    expect(Array.from(x.grad!.data)).toEqual([2, 2, 2]);
  });

  it('offers a custom op the leaf\'s own gradient, and adds nothing more when the op returns it', () => {
    const x = requiresGrad(tensor([1, 2]));
    const offered: (Tensor | null)[] = [];
    const twice = () => customOp('twice', [x], () => mul(x.detach(), 2), (g, _out, _needs, into) => {
      offered.push(into[0] ?? null);
      const target = into[0];
      if (!target) return [mul(g, 2)];
      for (let i = 0; i < target.size; i++) target.data[i] += 2 * g.data[i];
      return [target];
    });
    sum(twice()).backward();
    expect(offered).toEqual([null]);
    sum(twice()).backward();
    expect(offered[1]).toBe(x.grad);
    expect(Array.from(x.grad!.data)).toEqual([4, 4]);
  });

  it('adds a leaf\'s own gradient passed back in as the upstream gradient, rather than taking it as added', () => {
    const x = requiresGrad(tensor([1, 2]));
    for (let pass = 0; pass < 2; pass++) sum(mul(x, 3)).backward();
    add(x, 0).backward(x.grad!); // add's rule passes the upstream gradient through as it is
    expect(Array.from(x.grad!.data)).toEqual([12, 12]);
  });
});
