import { Generator, MlpkitError, matmul, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { orthogonal_ } from './orthogonal.js';

function maxDeviation(gram: ArrayLike<number>, n: number, diag: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(gram[i * n + j] - (i === j ? diag : 0)));
  return worst;
}

describe('orthogonal_', () => {
  it('gives orthonormal rows for a wide matrix (W Wᵀ = gain² I)', () => {
    const w = orthogonal_(zeros([32, 64]), { gain: 2, generator: new Generator(0) });
    expect(maxDeviation(matmul(w, w.T).data, 32, 4)).toBeLessThan(1e-5);
  });

  it('gives orthonormal columns for a tall matrix (Wᵀ W = gain² I)', () => {
    const w = orthogonal_(zeros([64, 32]), { generator: new Generator(1) });
    expect(maxDeviation(matmul(w.T, w).data, 32, 1)).toBeLessThan(1e-5);
  });

  it('views a 4-D weight as [shape[0], rest]', () => {
    const w = orthogonal_(zeros([16, 8, 3, 3]), { generator: new Generator(2) }).reshape(16, 72);
    expect(maxDeviation(matmul(w, w.T).data, 16, 1)).toBeLessThan(1e-5);
  });

  it('is reproducible from a seed', () => {
    const a = orthogonal_(zeros([8, 8]), { generator: new Generator(9) });
    const b = orthogonal_(zeros([8, 8]), { generator: new Generator(9) });
    expect([...a.data]).toEqual([...b.data]);
  });

  it('refuses 1-D and integer tensors', () => {
    expect(() => orthogonal_(zeros([4]))).toThrow(/orthogonal_: expected a tensor with at least 2 dims, got shape \[4\]/);
    expect(() => orthogonal_(zeros([4, 4], { dtype: 'int32' }))).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => orthogonal_(zeros([4, 4]), { scale: 2 } as object)).toThrow("orthogonal_: unknown option 'scale'");
  });
});
