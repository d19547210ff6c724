import { describe, expect, it, vi } from 'vitest';
import { storage } from '../storage.js';

// Each kernel file loads on its own, in a fresh module registry, and its kernels run on plain
// storage objects: no Tensor, no dispatch point, nothing that imports the kernels back.
describe('reference kernel files, each imported alone', () => {
  const f32 = (...v: number[]) => storage(Float32Array.from(v), [v.length]);

  it('elementwise.ts', async () => {
    vi.resetModules();
    const { unaryKernel, binaryKernel, whereKernel } = await import('./elementwise.js');
    expect(Array.from(unaryKernel('sign')([f32(-2, 0, 3)], {}).data)).toEqual([-1, 0, 1]);
    expect(binaryKernel('sub')([f32(5, 7), f32(1)], {}).shape).toEqual([2]);
    const picked = whereKernel([storage(Uint8Array.of(1, 0), [2]), f32(1, 2), f32(9)], {});
    expect(Array.from(picked.data)).toEqual([1, 9]);
    expect(picked.dtype).toBe('float32');
  });

  it('matmul.ts', async () => {
    vi.resetModules();
    const { matmulKernel } = await import('./matmul.js');
    const out = matmulKernel([storage(Float64Array.of(1, 2, 3, 4), [2, 2]), storage(Float64Array.of(5, 6), [2, 1])], { transA: true, transB: false });
    expect(out.shape).toEqual([2, 1]);
    expect(Array.from(out.data)).toEqual([1 * 5 + 3 * 6, 2 * 5 + 4 * 6]);
  });

  it('movement.ts', async () => {
    vi.resetModules();
    const { permuteKernel, scatterAddKernel } = await import('./movement.js');
    expect(Array.from(permuteKernel([storage(Int32Array.of(1, 2, 3, 4, 5, 6), [2, 3])], { dims: [1, 0] }).data)).toEqual([1, 4, 2, 5, 3, 6]);
    const added = scatterAddKernel([f32(1, 2, 3), storage(Int32Array.of(0, 0, 1), [3])], { dim: 0, shape: [2] });
    expect(Array.from(added.data)).toEqual([3, 3]);
  });

  it('reduce.ts', async () => {
    vi.resetModules();
    const { argmaxKernel, sumKernel } = await import('./reduce.js');
    const bools = sumKernel([storage(Uint8Array.of(1, 1, 0), [3])], { dims: [0], keepdim: false });
    expect(bools.dtype).toBe('int32');
    expect(Array.from(bools.data)).toEqual([2]);
    expect(Array.from(argmaxKernel([f32(1, 7, 3)], { dim: null, keepdim: false }).data)).toEqual([1]);
  });

  it('index.ts, the whole table', async () => {
    vi.resetModules();
    const { referenceBackend } = await import('./index.js');
    expect(Array.from(referenceBackend.kernels.cast([f32(1.7, -1.7)], { dtype: 'int32' }).data)).toEqual([1, -1]);
  });
});
