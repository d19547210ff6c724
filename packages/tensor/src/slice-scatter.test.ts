import { describe, expect, it } from 'vitest';
import { MlpkitError, arange, sliceScatter, tensor, zeros } from './index.js';

describe('sliceScatter (torch.slice_scatter)', () => {
  const input = zeros([3, 4]);

  it('writes src over input[:, 0:4:2]', () => {
    const src = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(sliceScatter(input, src, 1, 0, 4, 2).tolist()).toEqual([[1, 0, 2, 0], [3, 0, 4, 0], [5, 0, 6, 0]]);
  });

  it('defaults run to the end of the dim, and negative starts count from the end', () => {
    const x = arange(12, undefined, 1, { dtype: 'float32' }).reshape(3, 4);
    expect(sliceScatter(x, tensor([[-1, -1, -1, -1]]), 0, -1).tolist()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [-1, -1, -1, -1]]);
  });

  it('refuses a src whose shape is not the slice', () => {
    expect(() => sliceScatter(input, zeros([3, 3]), 1, 0, 4, 2)).toThrow(MlpkitError);
    expect(() => sliceScatter(input, zeros([3, 3]), 1, 0, 4, 2)).toThrow('expected src of shape [3, 2]');
  });
});
