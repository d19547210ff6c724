import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { Generator, MlpkitError, add, matmul, randn, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { linear } from './linear-function.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';

const f64 = (shape: number[], seed: number) => randn(shape, { dtype: 'float64', generator: new Generator(seed) });

describe('linear (fused op)', () => {
  it('computes x Wᵀ + b', () => {
    const x = tensor([[1, 2], [3, 4]]), w = tensor([[1, 0], [0, 1], [1, 1]]), b = tensor([0.5, -0.5, 0]);
    expect(linear(x, w, b).tolist()).toEqual([[1.5, 1.5, 3], [3.5, 3.5, 7]]);
    expect(linear(x, w).tolist()).toEqual([[1, 2, 3], [3, 4, 7]]);
  });

  it('folds leading dims, and takes a 1-D input', () => {
    const x = f64([2, 3, 5], 1), w = f64([4, 5], 2), b = f64([4], 3);
    const y = linear(x, w, b);
    expect(y.shape).toEqual([2, 3, 4]);
    const want = add(matmul(x, w.T), b);
    y.data.forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 12));
    expect(linear(f64([5], 4), w).shape).toEqual([4]);
  });

  it('passes gradcheck for dX = dY W, dW = dYᵀ X, db = Σ dY, with 2-D and 3-D input', () => {
    expect(gradcheck((x, w, b) => linear(x, w, b), [f64([3, 5], 1), f64([4, 5], 2), f64([4], 3)]).ok).toBe(true);
    expect(gradcheck((x, w) => linear(x, w), [f64([2, 3, 5], 4), f64([4, 5], 5)]).ok).toBe(true);
  });

  it('with no input features gives the bias for every row, as PyTorch does', () => {
    const weight = requiresGrad(zeros([2, 0])), bias = requiresGrad(tensor([1, 2]));
    const y = linear(zeros([3, 0]), weight, bias);
    expect(y.tolist()).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(linear(zeros([4, 1, 0]), weight, bias).shape).toEqual([4, 1, 2]);
    y.sum().backward();
    expect(bias.grad!.tolist()).toEqual([3, 3]);
    expect(weight.grad!.shape).toEqual([2, 0]);
  });

  it('refuses mismatched shapes', () => {
    expect(() => linear(f64([3, 5], 1), f64([4, 6], 2))).toThrow(/linear: input has 5 features in its last dim but weight \[4, 6\] expects 6/);
    expect(() => linear(f64([3, 5], 1), f64([4, 5], 2), f64([3], 3))).toThrow(/bias must have shape \[4\]/);
  });
});

describe('Linear', () => {
  it('initializes like PyTorch: weight and bias in ±1/√in, reproducible from a seed', () => {
    const a = new Linear(100, 50, { generator: new Generator(1) });
    const b = new Linear(100, 50, { generator: new Generator(1) });
    expect([...a.weight.data]).toEqual([...b.weight.data]);
    const bound = Math.fround(0.1);
    expect(Math.max(...a.weight.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...a.bias!.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(a.weight.shape).toEqual([50, 100]);
  });

  it('has no bias parameter when bias is false', () => {
    const layer = new Linear(3, 2, { bias: false });
    expect(layer.bias).toBeNull();
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight']);
    // A string is read for truth: 'false' would make a bias.
    expect(() => new Linear(3, 2, { bias: 'false' as never })).toThrow('Linear: expected bias to be true or false, got the string "false"');
  });

  it('names the layer and both shapes when fed the wrong feature count', () => {
    const layer = new Linear(4, 6);
    expect(() => layer.forward(randn([8, 5]))).toThrow(MlpkitError);
    expect(() => layer.forward(randn([8, 5]))).toThrow(
      'Linear: Linear(inFeatures=4, outFeatures=6, bias=true) expects 4 features in the input\'s last dim, got input shape [8, 5] (weight shape [6, 4])',
    );
  });

  it('inside Sequential, the error also says which layer', () => {
    const model = new Sequential(new Linear(4, 6), new Linear(5, 2));
    expect(() => model.forward(randn([2, 4]))).toThrow(/^Sequential: layer 1: Linear: Linear\(inFeatures=5.*got input shape \[2, 6\]/);
  });

  it('refuses non-integer sizes', () => {
    expect(() => new Linear(2.5, 3)).toThrow(/Linear: inFeatures must be a non-negative integer, got 2.5/);
  });

  it('refuses an unknown option', () => {
    expect(() => new Linear(2, 3, { useBias: false } as object)).toThrow("Linear: unknown option 'useBias'");
  });
});
