import { MlpkitError, add, exp, matmul, mul, sum, tensor, where, gt, randn, Generator } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { customOp, gradcheck, noGrad, requiresGrad } from './index.js';

describe('backward', () => {
  it('computes the chain rule through a graph', () => {
    // f(x, y, z) = (x + y) z at (-2, 5, -4): df/dx = df/dy = z = -4, df/dz = x + y = 3.
    const [x, y, z] = [-2, 5, -4].map((v) => requiresGrad(tensor([v])));
    const f = mul(add(x, y), z);
    f.backward();
    expect([f.item(), x.grad!.item(), y.grad!.item(), z.grad!.item()]).toEqual([-12, -4, -4, 3]);
  });

  it('sums broadcast gradients back to each input shape', () => {
    const a = requiresGrad(tensor([[1], [2], [3]]));
    const b = requiresGrad(tensor([10, 20]));
    sum(mul(a, b)).backward();
    expect(a.grad!.tolist()).toEqual([[30], [30], [30]]);
    expect(b.grad!.tolist()).toEqual([6, 6]);
  });

  it('accumulates across calls and uses an upstream gradient', () => {
    const x = requiresGrad(tensor([1, 2]));
    exp(x).backward(tensor([1, 0]));
    exp(x).backward(tensor([0, 1]));
    expect(x.grad!.data[0]).toBeCloseTo(Math.E, 5);
    expect(x.grad!.data[1]).toBeCloseTo(Math.exp(2), 4);
  });

  it('records nothing under noGrad or through detach', () => {
    const x = requiresGrad(tensor([1, 2]));
    const y = noGrad(() => mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(mul(x.detach(), 2).requiresGrad).toBe(false);
    expect(mul(x, 2).requiresGrad).toBe(true);
  });

  it('refuses a non-scalar output without a gradient', () => {
    const x = requiresGrad(tensor([1, 2]));
    expect(() => mul(x, 2).backward()).toThrow(
      'backward: a gradient can be implied only for a one-element output; got shape [2], so pass backward(gradient)',
    );
    expect(() => tensor([1]).backward()).toThrow(MlpkitError);
  });

  it('refuses a second backward through a freed graph unless retained', () => {
    const x = requiresGrad(tensor([3]));
    const y = mul(x, x);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad!.item()).toBe(12);
    expect(() => y.backward()).toThrow(/^backward: the graph through 'mul' was freed by an earlier backward\(\)/);
  });

  it('the freed-graph advice is a call that works', () => {
    const x = requiresGrad(tensor([3]));
    const y = mul(x, x);
    y.backward(undefined, { retainGraph: true });
    expect(() => y.backward()).not.toThrow();
  });

  it('refuses options passed where the gradient goes', () => {
    const y = mul(requiresGrad(tensor([3])), 2);
    expect(() => y.backward({ retainGraph: true } as never)).toThrow(
      'backward: expected the gradient to be a Tensor (or undefined for a one-element output), got {"retainGraph":true}; options go second: backward(gradient, { retainGraph })',
    );
  });

  it('refuses an unknown option', () => {
    const y = mul(requiresGrad(tensor([3])), 2);
    expect(() => y.backward(undefined, { retain: true } as object)).toThrow("backward: unknown option 'retain'");
  });

  it('refuses requiresGrad on integer tensors', () => {
    expect(() => requiresGrad(tensor([1], { dtype: 'int32' }))).toThrow('requiresGrad: only float tensors can require gradients, got dtype int32');
  });
});

describe('customOp', () => {
  it('uses the given backward instead of recording the forward', () => {
    const x = requiresGrad(tensor([-1, 0, 2]));
    let forwardRecorded = true;
    const y = customOp('relu', [x], () => {
      const out = where(gt(x, 0), x, 0);
      forwardRecorded = out.requiresGrad;
      return out;
    }, (g, out) => [mul(g, gt(out, 0))]);
    sum(y).backward();
    expect(forwardRecorded).toBe(false);
    expect(x.grad!.tolist()).toEqual([0, 0, 1]);
  });
});

describe('gradcheck', () => {
  const g = new Generator(3);

  it('accepts correct gradients of a composite in float64', () => {
    const a = randn([3, 4], { generator: g, dtype: 'float64' });
    const w = randn([4, 2], { generator: g, dtype: 'float64' });
    const report = gradcheck((a, w) => sum(exp(matmul(a, w))), [a, w]);
    expect(report.ok).toBe(true);
    expect(report.inputs.every((r) => r.maxAbsError < 1e-5)).toBe(true);
  });

  it('fails loudly on a wrong backward, naming the input and element', () => {
    const x = randn([3], { generator: g, dtype: 'float64' });
    const wrong = (x: ReturnType<typeof tensor>) => customOp('square', [x], () => mul(x, x), (grad) => [mul(grad, x)]);
    expect(() => gradcheck((x) => sum(wrong(x)), [x])).toThrow(/^gradcheck: analytic and numeric gradients disagree for input 0/);
    expect(gradcheck((x) => sum(wrong(x)), [x], { raiseException: false }).ok).toBe(false);
  });

  it('refuses an unknown option', () => {
    const x = randn([2], { generator: g, dtype: 'float64' });
    expect(() => gradcheck((x) => sum(x), [x], { epsilon: 1e-6 } as object)).toThrow("gradcheck: unknown option 'epsilon'");
  });

  it('refuses float32 input', () => {
    expect(() => gradcheck((x) => sum(x), [tensor([1, 2])])).toThrow('gradcheck: expected float64 inputs (float32 finite differences are too coarse), got float32 for input 0');
  });
});
