import { describe, expect, it } from 'vitest';
import {
  Generator, add, arange, cast, div, eye, formatTensor, full, linspace, manualSeed, matmul, matmulTransposed, mul, rand, randn,
  randperm, reshape, sub, tensor, zeros,
} from './index.js';

describe('Tensor', () => {
  it('stores nested arrays row-major with their shape', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('infers bool from booleans and keeps a typed array dtype', () => {
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tensor(new Int32Array([1, 2, 3, 4]), { shape: [2, 2] }).shape).toEqual([2, 2]);
  });

  it('reshape shares storage instead of copying', () => {
    const t = arange(6, undefined, 1, { dtype: 'float32' });
    const r = reshape(t, [2, -1]);
    expect(r.shape).toEqual([2, 3]);
    expect(r.data).toBe(t.data);
  });

  it('promotes dtypes as PyTorch does', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(add(i, 1).dtype).toBe('int32');
    expect(add(i, 0.5).dtype).toBe('float32');
    expect(div(i, 2).dtype).toBe('float32');
    expect(add(tensor([1], { dtype: 'float32' }), tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(Array.from(cast(tensor([1.7, -1.7]), 'int32').data)).toEqual([1, -1]);
  });

  it('creates ranges, grids and identities', () => {
    expect(Array.from(arange(2, 8, 2).data)).toEqual([2, 4, 6]);
    expect(Array.from(linspace(0, 1, 5).data)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(Array.from(full([2], 7).data)).toEqual([7, 7]);
  });

  it('prints like PyTorch', () => {
    expect(formatTensor(tensor([[1, 2], [3, 4]]))).toBe('tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]])');
    expect(String(tensor([1, 2], { dtype: 'int32' }))).toBe('tensor([1, 2], dtype=int32)');
    expect(String(zeros([2000]))).toContain('...');
  });
});

describe('random numbers', () => {
  it('the same seed gives the same numbers', () => {
    manualSeed(42);
    const a = randn([5]);
    manualSeed(42);
    const b = randn([5]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(rand([3], { generator: new Generator(1) }).data)).toEqual(Array.from(rand([3], { generator: new Generator(1) }).data));
  });

  it('randn has mean 0 and std 1, rand stays in [0, 1)', () => {
    const x = Array.from(randn([100_000], { generator: new Generator(7) }).data);
    const mean = x.reduce((a, v) => a + v, 0) / x.length;
    const std = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    const u = rand([10_000], { generator: new Generator(3) }).data;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });

  it('randperm is a permutation and state round-trips', () => {
    const g = new Generator(5);
    const p = Array.from(randperm(50, { generator: g }).data).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const state = g.getState();
    const first = g.random();
    expect(g.setState(state).random()).toBe(first);
  });
});

describe('matmul', () => {
  function naive(a: number[][], b: number[][]): number[][] {
    return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
  }

  it('the blocked kernel matches a naive product on odd sizes', () => {
    const g = new Generator(11);
    for (const [m, k, n] of [[1, 1, 1], [7, 13, 5], [9, 300, 1030]]) {
      const a = randn([m, k], { generator: g, dtype: 'float64' });
      const b = randn([k, n], { generator: g, dtype: 'float64' });
      const want = naive(a.tolist() as number[][], b.tolist() as number[][]).flat();
      const got = Array.from(matmul(a, b).data);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 9));
    }
  });

  it('transposed operands give the same product as explicit transposes', () => {
    const g = new Generator(12);
    const a = randn([6, 4], { generator: g, dtype: 'float64' });
    const b = randn([5, 4], { generator: g, dtype: 'float64' });
    const viaFlag = matmulTransposed(a, b, false, true);
    const explicit = matmul(a, b.T);
    expect(Array.from(viaFlag.data)).toEqual(Array.from(explicit.data));
    const c = matmulTransposed(a, randn([6, 3], { generator: g, dtype: 'float64' }), true, false);
    expect(c.shape).toEqual([4, 3]);
  });
});

describe('PyTorch type promotion edge cases', () => {
  it('bool tensors add as or and multiply as and, and refuse subtraction', () => {
    const b = tensor([true, false, true]);
    expect(add(b, b).dtype).toBe('bool');
    expect(Array.from(add(b, b).data)).toEqual([1, 0, 1]);
    expect(Array.from(mul(b, tensor([true, true, false])).data)).toEqual([1, 0, 0]);
    expect(() => sub(b, b)).toThrow(/^sub: subtracting two bool tensors is not supported/);
    expect(add(b, 1).dtype).toBe('int32');
  });

  it('a 0-d tensor sets the dtype only when its category is higher', () => {
    const f32 = tensor([1, 2, 3]);
    expect(add(f32, tensor(2, { dtype: 'float64' })).dtype).toBe('float32');
    expect(add(tensor([1, 2], { dtype: 'int32' }), tensor(0.5, { dtype: 'float64' })).dtype).toBe('float64');
    expect(add(f32, tensor([2], { dtype: 'float64' })).dtype).toBe('float64');
  });
});
