import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { callMatmul } from './mlpkit-matmul.js';

describe('callMatmul', () => {
  it('with reuseOutput, hands each output back so that the next call writes into it; without, each output is new', async () => {
    const backend = await createWasmBackend({ threads: 1 });
    // An output of 256 × 128 floats, above the length the allocator recycles.
    const a = new Tensor(new Float32Array(256 * 64).fill(1), [256, 64]), b = new Tensor(new Float32Array(64 * 128).fill(2), [64, 128]);
    const params = { transA: false, transB: false };
    const reused = [0, 1, 2].map(() => callMatmul(backend, a, b, params, true));
    expect(reused[1]).toBe(reused[0]);
    expect(reused[2]).toBe(reused[0]);
    expect(reused[0][0]).toBe(128);
    const fresh = [0, 1].map(() => callMatmul(backend, a, b, params, false));
    expect(fresh[1]).not.toBe(fresh[0]);
    expect(fresh.some((o) => o === reused[0])).toBe(true); // the first takes the array handed back last
    backend.close();
  });
});
