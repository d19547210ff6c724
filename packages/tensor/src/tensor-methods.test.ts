import { describe, expect, it } from 'vitest';
import { MlpkitError, type Tensor, tensor } from './index.js';

// Expected values are PyTorch 1.13's for the same float64 input.
const x = tensor([[1, -2, 3], [0.5, 4, -1]], { dtype: 'float64' });

function close(got: Tensor, want: unknown, digits = 12): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const g = flat(got.tolist()), w = flat(want);
  expect(g.length).toBe(w.length);
  g.forEach((v, i) => expect(v).toBeCloseTo(w[i], digits));
}

describe('activations as Tensor methods', () => {
  it('sigmoid, tanh and relu', () => {
    close(x.sigmoid(), [[0.7310585786300049, 0.11920292202211755, 0.9525741268224334], [0.6224593312018546, 0.9820137900379085, 0.2689414213699951]]);
    close(x.tanh(), [[0.7615941559557649, -0.9640275800758169, 0.9950547536867305], [0.46211715726000974, 0.999329299739067, -0.7615941559557649]]);
    expect(x.relu().tolist()).toEqual([[1, 0, 3], [0.5, 4, 0]]);
  });

  it('relu keeps NaN and an int dtype, as torch.relu', () => {
    expect(tensor([NaN, -1]).relu().tolist()).toEqual([NaN, 0]);
    const i = tensor([-3, 2], { dtype: 'int32' }).relu();
    expect([i.dtype, i.tolist()]).toEqual(['int32', [0, 2]]);
  });

  it('softmax and logSoftmax along a dim', () => {
    close(x.softmax(1), [[0.11849965453500959, 0.005899750401902781, 0.8756005950630876], [0.0291217615374784, 0.9643802951468596, 0.00649794331566194]]);
    close(x.logSoftmax(0), [[-0.4740769841801067, -6.00247568513773, -0.01814992791780978], [-0.9740769841801067, -0.002475685137730357, -4.0181499279178094]]);
    close(x.softmax(), x.softmax(-1).tolist());
  });

  it('softmax of ±100 logits stays finite', () => {
    const s = tensor([[100, -100, 0]]).softmax(1);
    expect(s.data.every(Number.isFinite)).toBe(true);
    expect(s.sum().item()).toBeCloseTo(1, 6);
  });
});

describe('reductions over dims as Tensor methods', () => {
  it('max(dim) and min(dim) give values and indices, with keepdim', () => {
    const m = x.max(1);
    expect([m.values.tolist(), m.indices.tolist(), m.indices.dtype]).toEqual([[3, 4], [2, 1], 'int32']);
    const n = x.min(0, true);
    expect([n.values.tolist(), n.indices.tolist()]).toEqual([[[0.5, -2, -1]], [[1, 0, 1]]]);
    expect([x.max().item(), x.min().item()]).toEqual([4, -2]);
  });

  it('argmax, argmin, amax and amin', () => {
    expect(x.argmin(1).tolist()).toEqual([1, 2]);
    expect(x.argmax().item()).toBe(4);
    expect(x.argmin(0, true).tolist()).toEqual([[1, 0, 1]]);
    expect(x.amax(0).tolist()).toEqual([1, 4, 3]);
    expect(x.amin([0, 1]).item()).toBe(-2);
  });

  it('mean, var and std with dims, unbiased and correction as PyTorch', () => {
    expect(x.mean(0).tolist()).toEqual([0.75, 1, 1]);
    close(x.mean([0, 1]), 0.9166666666666666);
    close(x.mean(1, true), [[0.6666666666666666], [1.1666666666666667]]);
    close(x.var(1), [6.333333333333333, 6.583333333333334]);
    close(x.var(1, { unbiased: false }), [4.222222222222222, 4.388888888888889]);
    close(x.std(0, { keepdim: true }), [[0.3535533905932738, 4.242640687119285, 2.8284271247461903]]);
    close(x.var(), 5.241666666666666);
    close(x.std({ correction: 0 }), 2.089989367330742);
    close(x.var(1, { correction: 2 }), [12.666666666666666, 13.166666666666668]);
    expect(x.std(1, { keepdim: true }).shape).toEqual([2, 1]);
  });

  it('logsumexp, all and any', () => {
    close(x.logsumexp(1), [3.1328452337275756, 4.036269565124779]);
    expect(tensor([[1, 0], [2, 3]]).all(1).tolist()).toEqual([false, true]);
    expect(tensor([[1, 0], [0, 0]]).any(1).tolist()).toEqual([true, false]);
    expect([tensor([]).all().item(), tensor([]).any().item()]).toEqual([1, 0]);
  });
});

describe('shape methods', () => {
  it('view, reshape, viewAs and flatten', () => {
    expect(x.view(3, 2).tolist()).toEqual([[1, -2], [3, 0.5], [4, -1]]);
    expect(x.view([-1]).shape).toEqual([6]);
    expect(x.reshape(1, -1).shape).toEqual([1, 6]);
    expect(x.viewAs(tensor([[0], [0], [0], [0], [0], [0]])).shape).toEqual([6, 1]);
    expect(x.unsqueeze(0).flatten(1).shape).toEqual([1, 6]);
  });

  it('unsqueeze and squeeze', () => {
    expect(x.unsqueeze(1).shape).toEqual([2, 1, 3]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(x.unsqueeze(1).squeeze(1).shape).toEqual([2, 3]);
    expect(x.unsqueeze(0).unsqueeze(2).squeeze().shape).toEqual([2, 3]);
  });

  it('t() transposes at most 2 dims, T reverses every dim', () => {
    expect(x.t().tolist()).toEqual([[1, 0.5], [-2, 4], [3, -1]]);
    expect(tensor([1, 2]).t().tolist()).toEqual([1, 2]);
    expect(() => x.unsqueeze(0).t()).toThrow(MlpkitError);
    expect(x.unsqueeze(0).T.shape).toEqual([3, 2, 1]);
    expect(x.T.tolist()).toEqual(x.t().tolist());
  });

  it('permute, expand and expandAs', () => {
    expect(x.unsqueeze(0).permute(2, 0, 1).shape).toEqual([3, 1, 2]);
    expect(tensor([[1], [2]]).expand(2, 3).tolist()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(tensor([1, 2, 3]).expandAs(x).shape).toEqual([2, 3]);
  });

  it('item, tolist, numel and dim', () => {
    expect(x.sum().item()).toBe(5.5);
    expect(tensor([true, false]).tolist()).toEqual([true, false]);
    expect([x.numel(), x.dim(), x.size, x.ndim]).toEqual([6, 2, 6, 2]);
    expect(() => x.item()).toThrow('item: expected a tensor with one element, got shape [2, 3]');
  });
});

describe('other everyday methods', () => {
  it('elementwise functions', () => {
    close(x.abs().rsqrt(), [[1, 0.7071067811865475, 0.5773502691896258], [1.414213562373095, 0.5, 1]]);
    expect(x.sign().tolist()).toEqual([[1, -1, 1], [1, 1, -1]]);
    expect(tensor([0.4, 1.6]).floor().tolist()).toEqual([0, 1]);
    close(tensor([0], { dtype: 'float64' }).cos(), [1]);
    close(tensor([1], { dtype: 'float64' }).log1p(), [Math.log(2)]);
  });

  it('comparisons, where and maskedFill', () => {
    expect(x.ge(1).tolist()).toEqual([[true, false, true], [false, true, false]]);
    expect(x.ne(3).sum().item()).toBe(5);
    expect(x.le(-1).tolist()).toEqual([[false, true, false], [false, false, true]]);
    expect(x.where(x.gt(0), 0).tolist()).toEqual([[1, 0, 3], [0.5, 4, 0]]);
    expect(x.maskedFill(x.lt(0), -9).tolist()).toEqual([[1, -9, 3], [0.5, 4, -9]]);
  });

  it('mm, gather, indexSelect and dtype conversions', () => {
    expect(x.mm(x.t()).tolist()).toEqual([[14, -10.5], [-10.5, 17.25]]);
    expect(() => x.mm(tensor([1, 2, 3]))).toThrow('mm: expected two 2-D tensors');
    expect(x.gather(1, tensor([[2], [0]], { dtype: 'int32' })).tolist()).toEqual([[3], [0.5]]);
    expect(x.indexSelect(0, tensor([1], { dtype: 'int32' })).tolist()).toEqual([[0.5, 4, -1]]);
    expect([x.long().dtype, x.bool().dtype, x.float().dtype, x.isFloatingPoint(), x.int().isFloatingPoint()]).toEqual(['int32', 'bool', 'float32', true, false]);
    expect(x.contiguous()).toBe(x);
  });
});
