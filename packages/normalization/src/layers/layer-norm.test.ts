import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { LayerNorm } from './layer-norm.js';

describe('LayerNorm', () => {
  it('holds γ = 1 and β = 0 of normalizedShape and normalizes each sample, even a single one', () => {
    const ln = new LayerNorm(3);
    expect(ln.weight!.shape).toEqual([3]);
    expect(Object.keys(ln.stateDict())).toEqual(['weight', 'bias']);
    const y = ln.forward(tensor([[1, 2, 3]]));
    expect(y.data[2]).toBeCloseTo(Math.sqrt(1.5), 4);
    expect(Array.from(ln.eval().forward(tensor([[1, 2, 3]])).data)).toEqual(Array.from(y.data));
  });

  it('sends gradients to γ and β, and can go without them', () => {
    const ln = new LayerNorm([2, 2]);
    ln.forward(tensor([[[1, 2], [3, 5]]])).sum().backward();
    expect(Array.from(ln.bias!.grad!.data)).toEqual([1, 1, 1, 1]);
    expect(new LayerNorm(4, { elementwiseAffine: false }).parameters()).toEqual([]);
    expect(() => new LayerNorm([])).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => new LayerNorm(4, { affine: false } as object)).toThrow("LayerNorm: unknown option 'affine'");
  });
});
