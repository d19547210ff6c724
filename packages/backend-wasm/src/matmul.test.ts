import { type Tensor, referenceKernels, Tensor as T } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { prefersFusedMultiplyAdd } from './support.js';
import { expectClose, randomTensor } from './test-utils.js';

let one: WasmBackend;
let two: WasmBackend;
let fused: WasmBackend;
let chosen: WasmBackend;
beforeAll(async () => {
  one = await createWasmBackend({ threads: 1, relaxedSimd: false });
  two = await createWasmBackend({ threads: 2, relaxedSimd: false });
  // Node 20 has relaxed SIMD behind a flag (Node 22 by default); turn it on to test that kernel too.
  (await import('node:v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
  fused = await createWasmBackend({ threads: 2, relaxedSimd: true });
  chosen = await createWasmBackend({ threads: 1 });
});
afterAll(() => { one.close(); two.close(); fused.close(); chosen.close(); });

it('uses fused multiply-add exactly when relaxed SIMD is there and not declined', () => {
  expect(one.fusedMultiplyAdd).toBe(false);
  expect(two.fusedMultiplyAdd).toBe(false);
  expect(fused.fusedMultiplyAdd).toBe(true);
});

it('picks the kernel by CPU by default: multiply-then-add on AMD, fused multiply-add elsewhere', async () => {
  expect(['AMD EPYC 9R14 96-Core Processor', 'AMD Ryzen 9 7950X', 'AMD EPYC'].map(prefersFusedMultiplyAdd)).toEqual([false, false, false]);
  expect(['Intel(R) Xeon(R) Platinum 8488C', 'Intel(R) Xeon(R) Processor', 'Apple M2', '', 'Common KVM processor'].map(prefersFusedMultiplyAdd)).toEqual([true, true, true, true, true]);
  // And the backend follows it for this machine's CPU.
  expect(chosen.fusedMultiplyAdd).toBe(prefersFusedMultiplyAdd((await import('node:os')).cpus()[0]?.model ?? ''));
});

function check(backend: () => WasmBackend, x: Tensor, y: Tensor, transA = false, transB = false): void {
  const params = { transA, transB };
  const want = referenceKernels.matmul([x, y], params);
  const got = backend().kernels.matmul([x, y], params);
  expect(got.dtype).toBe(want.dtype);
  expectClose(got, want, 1e-5 * Math.sqrt(x.shape[x.ndim - 1] * (transA ? x.shape[x.ndim - 2] : 1)));
}

describe.each([['1 thread', () => one], ['2 threads', () => two], ['2 threads, fused multiply-add', () => fused]])('wasm matmul, %s', (_, backend) => {
  it('multiplies 1×1 and odd small sizes in every layout', () => {
    check(backend, randomTensor([1, 1], 1), randomTensor([1, 1], 2));
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const x = randomTensor(ta ? [13, 7] : [7, 13], 3), y = randomTensor(tb ? [5, 13] : [13, 5], 4);
      check(backend, x, y, ta, tb);
    }
  });

  it('matches the reference on the linear-layer products (X·W, Xᵀ·dY, dY·Wᵀ) at batch 64', () => {
    check(backend, randomTensor([64, 784], 5), randomTensor([784, 256], 6));
    check(backend, randomTensor([64, 784], 7), randomTensor([64, 256], 8), true, false);
    check(backend, randomTensor([64, 256], 9), randomTensor([784, 256], 10), false, true);
  });

  it('handles sizes across block edges (k > 256, m > 128, n not a multiple of 8)', () => {
    check(backend, randomTensor([133, 517], 11), randomTensor([517, 301], 12));
    check(backend, randomTensor([517, 133], 13), randomTensor([301, 517], 14), true, true);
  });

  it('broadcasts batch dims', () => {
    check(backend, randomTensor([3, 7, 13], 15), randomTensor([13, 5], 16));
    check(backend, randomTensor([2, 1, 7, 13], 17), randomTensor([3, 13, 5], 18));
    check(backend, randomTensor([4, 13, 7], 19), randomTensor([4, 5, 13], 20), true, true);
    check(backend, randomTensor([2, 64, 96], 21), randomTensor([96, 80], 22));
  });

  it('returns zeros for an empty inner dim and empty outputs', () => {
    const got = backend().kernels.matmul([randomTensor([3, 0], 1), randomTensor([0, 4], 2)], { transA: false, transB: false });
    expect(got.shape).toEqual([3, 4]);
    expect([...got.data]).toEqual(new Array(12).fill(0));
    expect(backend().kernels.matmul([randomTensor([0, 3], 1), randomTensor([3, 4], 2)], { transA: false, transB: false }).shape).toEqual([0, 4]);
  });

  it('falls back to the reference for float64 and int32', () => {
    const x = new T(new Float64Array([1, 2, 3, 4]), [2, 2]), y = new T(new Float64Array([5, 6, 7, 8]), [2, 2]);
    const got = backend().kernels.matmul([x, y], { transA: false, transB: false });
    expect(got.dtype).toBe('float64');
    expect([...got.data]).toEqual([19, 22, 43, 50]);
  });

  it('returns storage that is plain (not shared) and not reused by later calls', () => {
    const x = randomTensor([8, 8], 1), y = randomTensor([8, 8], 2);
    const first = backend().kernels.matmul([x, y], { transA: false, transB: false });
    const copy = first.data.slice();
    backend().kernels.matmul([y, x], { transA: false, transB: false });
    expect(first.data.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...first.data]).toEqual([...copy]);
  });
});

it('keeps wasm memory flat over many calls of the same shapes', () => {
  const x = randomTensor([64, 784], 1), w = randomTensor([784, 256], 2);
  two.kernels.matmul([x, w], { transA: false, transB: false });
  const before = two.memoryBytes;
  for (let i = 0; i < 50; i++) two.kernels.matmul([x, w], { transA: false, transB: false });
  two.kernels.matmul([randomTensor([3, 5], 3), randomTensor([5, 2], 4)], { transA: false, transB: false });
  expect(two.memoryBytes).toBe(before);
});
