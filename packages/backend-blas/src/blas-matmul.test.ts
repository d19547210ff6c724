import { Tensor, referenceKernels } from '@mlpkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BlasBackend, createBlasBackend } from './create-backend.js';
import { expectClose, hasBlas, randomTensor } from './test-utils.js';

describe.runIf(hasBlas).each([1, 2])('blas matmul on %i thread(s)', (threads) => {
  let backend: BlasBackend;
  beforeAll(async () => { backend = await createBlasBackend({ threads }); });

  function check(x: Tensor, y: Tensor, transA = false, transB = false): void {
    const want = referenceKernels.matmul([x, y], { transA, transB });
    const got = backend.kernels.matmul([x, y], { transA, transB });
    expectClose(got, want, 1e-5 * Math.sqrt(transA ? x.shape[x.ndim - 2] : x.shape[x.ndim - 1]));
  }

  it('matches the reference in every layout, on odd sizes and 1×1', () => {
    check(randomTensor([1, 1], 1), randomTensor([1, 1], 2));
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const)
      check(randomTensor(ta ? [13, 7] : [7, 13], 3), randomTensor(tb ? [5, 13] : [13, 5], 4), ta, tb);
  });

  it('matches the reference on the linear-layer products (X·Wᵀ, dYᵀ·X, dY·W) at batch 64 and 257', () => {
    for (const n of [64, 257]) {
      check(randomTensor([n, 784], 5), randomTensor([256, 784], 6), false, true);
      check(randomTensor([n, 256], 7), randomTensor([n, 784], 8), true, false);
      check(randomTensor([n, 256], 9), randomTensor([256, 784], 10));
    }
  });

  it('multiplies batched and broadcast operands, each matrix read at its own offset', () => {
    check(randomTensor([3, 5, 7], 11), randomTensor([3, 7, 4], 12));
    check(randomTensor([2, 1, 5, 7], 13), randomTensor([3, 4, 7], 14), false, true);
    check(randomTensor([7, 5], 15), randomTensor([2, 7, 4], 16), true, false);
  });

  it('returns zeros for an empty inner dimension and an empty result for an empty outer one', () => {
    const z = backend.kernels.matmul([new Tensor(new Float32Array(0), [3, 0]), new Tensor(new Float32Array(0), [0, 2])], { transA: false, transB: false });
    expect([...z.data]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(backend.kernels.matmul([randomTensor([0, 4], 1), randomTensor([4, 2], 2)], { transA: false, transB: false }).shape).toEqual([0, 2]);
  });

  it('leaves float64 to the reference kernel, exactly', () => {
    const x = new Tensor(Float64Array.from([1, 2, 3, 4]), [2, 2]), y = new Tensor(Float64Array.from([0.1, 0.2, 0.3, 0.4]), [2, 2]);
    const got = backend.kernels.matmul([x, y], { transA: false, transB: false });
    expect(got.dtype).toBe('float64');
    expect([...got.data]).toEqual([...referenceKernels.matmul([x, y], { transA: false, transB: false }).data]);
  });
});
