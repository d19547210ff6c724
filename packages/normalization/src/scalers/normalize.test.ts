import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Normalize } from './normalize.js';

describe('Normalize', () => {
  it('normalizes per channel along dim -3 of images', () => {
    const n = new Normalize({ mean: [0, 1], std: [1, 2] });
    // (N=1, C=2, H=1, W=2)
    const out = n.transform(tensor([[[[1, 2]], [[3, 5]]]]));
    expect(Array.from(out.data)).toEqual([1, 2, 1, 2]);
    expect(Array.from(n.inverseTransform(out).data)).toEqual([1, 2, 3, 5]);
  });

  it('uses the last dim of (N, C) rows and one value for any shape', () => {
    expect(Array.from(new Normalize({ mean: [1, 2], std: [1, 1] }).transform(tensor([[1, 2], [3, 4]])).data)).toEqual([0, 0, 2, 2]);
    expect(Array.from(new Normalize({ mean: [0.5], std: [0.5] }).transform(tensor([0, 1])).data)).toEqual([-1, 1]);
  });

  it('refuses a channel mismatch, a zero std and mismatched lengths', () => {
    const n = new Normalize({ mean: [0, 0, 0], std: [1, 1, 1] });
    expect(() => n.transform(tensor([[[[1]]], [[[1]]]]))).toThrow(/Normalize.transform: expected 3 channels.*got shape \[2, 1, 1, 1\]/);
    expect(() => new Normalize({ mean: [0], std: [0] })).toThrow(/std\[0\] = 0/);
    expect(() => new Normalize({ mean: [0, 1], std: [1] })).toThrow(/got 2 and 1/);
  });

  it('refuses an unknown option', () => {
    expect(() => new Normalize({ mean: [0], std: [1], inplace: true } as { mean: number[]; std: number[] })).toThrow("Normalize: unknown option 'inplace'");
  });
});
