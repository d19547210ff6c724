import { requiresGrad } from '@mlpkit/autograd';
import { type Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as A from './index.js';

/** The gradient of sum(f(x)) at `at`, i.e. f'(at) elementwise. */
function derivative(f: (x: Tensor) => Tensor, at: number[]): number[] {
  const x = requiresGrad(tensor(at, { dtype: 'float64' }));
  f(x).sum().backward();
  return Array.from(x.grad!.data);
}

// PyTorch's conventions where the derivative does not exist (fixtures/README.md).
describe('derivatives at kinks follow PyTorch', () => {
  it("relu'(0) = 0", () => expect(derivative(A.relu, [0, 1, -1])).toEqual([0, 1, 0]));
  it("leakyRelu'(0) = negativeSlope", () => expect(derivative((x) => A.leakyRelu(x, 0.1), [0, 1])).toEqual([0.1, 1]));
  it("elu'(0) = alpha", () => expect(derivative((x) => A.elu(x, 0.3), [0])).toEqual([0.3]));
  it("selu'(0) = scale·alpha", () => expect(derivative(A.selu, [0])[0]).toBeCloseTo(A.SELU_SCALE * A.SELU_ALPHA, 12));
  it("celu'(0) = 1 for any alpha", () => expect(derivative((x) => A.celu(x, 2), [0])).toEqual([1]));
  it('hardtanh is flat exactly at its bounds', () => expect(derivative(A.hardtanh, [-1, 1, 0.5])).toEqual([0, 0, 1]));
  it("relu6'(0) = relu6'(6) = 0", () => expect(derivative(A.relu6, [0, 6, 3])).toEqual([0, 0, 1]));
  it("hardsigmoid' is 1/6 strictly inside (−3, 3)", () => expect(derivative(A.hardsigmoid, [-3, 3, 0])).toEqual([0, 0, 1 / 6]));
  it("hardswish'(−3) = −0.5 and hardswish'(3) = 1", () => expect(derivative(A.hardswish, [-3, 3, -4])).toEqual([-0.5, 1, 0]));
  it("mish'(0) = 0.6", () => expect(derivative(A.mish, [0])[0]).toBeCloseTo(0.6, 12));
  it('softplus is x itself above its threshold, with derivative 1', () => {
    expect(derivative((x) => A.softplus(x, 1, 20), [21])).toEqual([1]);
    expect(A.softplus(tensor([21, 100])).tolist()).toEqual([21, 100]);
  });

  it('hardsigmoid uses a float32 1/6 on float32 inputs, as PyTorch does', () => {
    const x = requiresGrad(tensor([0.5]));
    A.hardsigmoid(x).sum().backward();
    expect(x.grad!.data[0]).toBe(Math.fround(1 / 6));
  });

  it('the binary step is 1 from 0 on, with a zero gradient everywhere', () => {
    const x = requiresGrad(tensor([-1, 0, 2]));
    const y = A.binaryStep(x);
    expect(y.tolist()).toEqual([0, 1, 1]);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
  });
});

describe('tails stay finite', () => {
  it('logsigmoid(−100) = −100 and sigmoid-family functions do not overflow at ±100', () => {
    expect(A.logsigmoid(tensor([-100])).data[0]).toBeCloseTo(-100, 4);
    for (const f of [A.sigmoid, A.silu, A.mish, A.softplus, A.elu, A.selu, A.gelu, A.logsigmoid])
      for (const v of f(tensor([100, -100, 88, -88])).data) expect(Number.isFinite(v)).toBe(true);
  });
  it('elu gradients stay finite for large positive inputs (exp only sees the negative side)', () => {
    expect(derivative(A.elu, [1000, -1000])).toEqual([1, 0]);
  });
});

describe('NaN propagation', () => {
  it('relu passes NaN through, as torch.relu does, so divergence stays visible', () => {
    const out = A.relu(tensor([NaN, -1, 2]));
    expect(Number.isNaN(out.data[0])).toBe(true);
    expect(Array.from(out.data.slice(1))).toEqual([0, 2]);
  });
});
