import { Tensor, referenceKernels } from '@mlpkit/tensor';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { expectClose, randomTensor } from './test-utils.js';

let backend: WasmBackend;
beforeAll(async () => { backend = await createWasmBackend({ threads: 2, residentMiB: 4 }); });
afterAll(() => backend.close());

function resident(t: Tensor): Tensor {
  const copy = backend.kernels.residentCopy!(t.data);
  expect(copy).not.toBeNull();
  return new Tensor(copy!, t.shape);
}

describe('resident storage', () => {
  it('is an ordinary Float32Array holding a copy, not the original', () => {
    const t = randomTensor([3, 5], 1);
    const r = backend.kernels.residentCopy!(t.data)!;
    expect(r).toBeInstanceOf(Float32Array);
    expect([...r]).toEqual([...t.data]);
    r[0] = 42;
    expect(t.data[0]).not.toBe(42);
  });

  it('is refused for other dtypes, for empty arrays and when the region is full', () => {
    expect(backend.kernels.residentCopy!(new Float64Array(4))).toBeNull();
    expect(backend.kernels.residentCopy!(new Int32Array(4))).toBeNull();
    expect(backend.kernels.residentCopy!(new Float32Array(0))).toBeNull();
    expect(backend.kernels.residentCopy!(new Float32Array(2 * 1024 * 1024))).toBeNull(); // 8 MiB > 4 MiB
  });

  it('is read in place by matmul (both layouts, 1 and 2 threads) and elementwise kernels, with the same results', () => {
    const x = randomTensor([64, 784], 2), w = randomTensor([256, 784], 3), b = randomTensor([256], 4);
    const rw = resident(w), rb = resident(b);
    for (const [tA, tB, a, c] of [[false, true, x, w], [false, false, randomTensor([64, 256], 5), randomTensor([256, 784], 6)]] as const) {
      const want = referenceKernels.matmul([a, c], { transA: tA, transB: tB });
      expectClose(backend.kernels.matmul([a, resident(c)], { transA: tA, transB: tB }), want, 1e-4);
    }
    const h = referenceKernels.matmul([x, w], { transA: false, transB: true });
    expectClose(backend.kernels.matmul([x, rw], { transA: false, transB: true }), h, 1e-4);
    expect([...backend.kernels.add([h, rb], {}).data]).toEqual([...referenceKernels.add([h, b], {}).data]);
    expect([...backend.kernels.sum([rw], { dims: [0], keepdim: false }).data]).toEqual([...backend.kernels.sum([w], { dims: [0], keepdim: false }).data]);
  });

  it('is never handed out twice, so a snapshot of a collected Parameter keeps its values', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const own = await createWasmBackend({ threads: 1, residentMiB: 1 });
    let weights: Float32Array | null = own.kernels.residentCopy!(new Float32Array(60_000).fill(1)) as Float32Array;
    // structuredClone shares a SharedArrayBuffer's memory rather than copying it.
    const snapshot = structuredClone(weights);
    weights = null;
    for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); }
    const used = own.residentBytes;
    for (let i = 0; i < 3; i++) own.kernels.residentCopy!(new Float32Array(60_000).fill(7));
    expect(snapshot.every((v) => v === 1)).toBe(true);
    expect(own.residentBytes).toBe(used + 3 * 240_000);
    // Full: later storage is refused (callers keep ordinary arrays), never overlapping.
    expect(own.kernels.residentCopy!(new Float32Array(60_000))).toBeNull();
    own.close();
  });
});
