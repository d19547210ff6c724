import { Tensor, type TensorStorage, referenceKernels } from '@mlpkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BlasBackend, createBlasBackend } from './create-backend.js';
import { expectClose, hasBlas, randomTensor } from './test-utils.js';

const TOL = 1e-4;

describe.runIf(hasBlas)('blas fused Linear kernels', () => {
  let backend: BlasBackend;
  beforeAll(async () => { backend = await createBlasBackend({ threads: 1 }); });
  const shapes = [[1, 3, 2], [7, 13, 5], [64, 784, 256], [130, 40, 10]];
  const mm = (a: TensorStorage, b: TensorStorage, transA: boolean, transB: boolean) => referenceKernels.matmul([a, b], { transA, transB });

  it.each(shapes)('linear forward, N=%i in=%i out=%i, with and without bias, on plain and resident weights', (n, inF, outF) => {
    const f = backend.kernels;
    const x = randomTensor([n, inF], 1), w = randomTensor([outF, inF], 2), b = randomTensor([outF], 3);
    const product = mm(x, w, false, true);
    expectClose(f.linear!(x, w, null)!, product, TOL);
    const want = referenceKernels.add([product, b], {});
    expectClose(f.linear!(x, w, b)!, want, TOL);
    const rw = new Tensor(backend.kernels.residentCopy!(w.data)!, w.shape), rb = new Tensor(backend.kernels.residentCopy!(b.data)!, b.shape);
    expectClose(f.linear!(x, rw, rb)!, want, TOL);
  });

  it.each(shapes)('linear backward, N=%i in=%i out=%i, for every combination of needed gradients', (n, inF, outF) => {
    const dy = randomTensor([n, outF], 4), x = randomTensor([n, inF], 5), w = randomTensor([outF, inF], 6);
    const want = [mm(dy, w, false, false), mm(dy, x, true, false), referenceKernels.sum([dy], { dims: [0], keepdim: false })];
    for (let mask = 0; mask < 8; mask++) {
      const needs = [!!(mask & 1), !!(mask & 2), !!(mask & 4)] as const;
      const got = backend.kernels.linearBackward!(dy, x, w, needs)!;
      got.forEach((g, i) => {
        expect(g === null).toBe(!needs[i]);
        if (g) expectClose(g, want[i], TOL);
      });
    }
  });

  it('adds dW into the given storage in place (plain or resident) and returns null for it', () => {
    const dy = randomTensor([9, 4], 7), x = randomTensor([9, 6], 8), w = randomTensor([4, 6], 9);
    const start = randomTensor([4, 6], 10);
    const want = referenceKernels.add([start, mm(dy, x, true, false)], {});
    for (const into of [Float32Array.from(start.data), backend.kernels.residentCopy!(start.data) as Float32Array]) {
      const [, dw] = backend.kernels.linearBackward!(dy, x, w, [false, true, false], into)!;
      expect(dw).toBeNull();
      expectClose(new Tensor(into, [4, 6]), want, TOL);
    }
  });

  it('declines what it does not handle, so the caller composes primitives', () => {
    const x64 = new Tensor(new Float64Array(6), [2, 3]), w = randomTensor([4, 3], 1);
    expect(backend.kernels.linear!(x64, w, null)).toBeNull();
    expect(backend.kernels.linear!(randomTensor([2, 5], 2), w, null)).toBeNull();
    expect(backend.kernels.linearBackward!(randomTensor([2, 4], 3), randomTensor([3, 3], 4), w, [true, true, true])).toBeNull();
  });

  it('takes ReLU\'s backward from the wasm backend', () => {
    const g = randomTensor([3, 5], 11), y = referenceKernels.maximum([randomTensor([3, 5], 12), new Tensor(new Float32Array([0]), [])], {});
    const got = backend.kernels.reluBackward!(g, y)!;
    for (let i = 0; i < g.size; i++) expect(got.data[i]).toBe(y.data[i] > 0 ? g.data[i] : 0);
  });
});
