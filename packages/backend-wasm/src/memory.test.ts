import { Tensor } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { randomTensor } from './test-utils.js';

let backend: WasmBackend;
beforeAll(async () => { backend = await createWasmBackend({ threads: 2 }); });
afterAll(() => backend.close());

/** The kernels of one W1-like training step at batch 64 (forward, ReLU and its mask, backward). */
function trainingLikeStep(x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor): void {
  const k = backend.kernels, zero = new Tensor(new Float32Array(1), []), one = new Tensor(new Float32Array([1]), []);
  const h = k.add([k.matmul([x, w1], { transA: false, transB: true }), b1], {});
  const mask = k.gt([h, zero], {});
  const a = k.where([mask, h, zero], {});
  const logits = k.matmul([a, w2], { transA: false, transB: true });
  const dA = k.matmul([logits, w2], { transA: false, transB: false });
  const dH = k.mul([dA, k.where([mask, one, zero], {})], {});
  k.matmul([dH, x], { transA: true, transB: false });
  k.sum([dH], { dims: [0], keepdim: false });
  k.clamp([dH], { min: 0, max: null });
}

describe('memory stays flat across many kernel calls (nothing is disposed)', () => {
  it('does not grow the wasm memory or the process RSS over 600 training-like steps', () => {
    const x = randomTensor([64, 784], 1), w1 = randomTensor([256, 784], 2), b1 = randomTensor([256], 3), w2 = randomTensor([10, 256], 4);
    for (let i = 0; i < 100; i++) trainingLikeStep(x, w1, b1, w2);
    const wasmBefore = backend.memoryBytes, rssBefore = process.memoryUsage.rss();
    for (let i = 0; i < 500; i++) trainingLikeStep(x, w1, b1, w2);
    // Each step allocates ~1.5 MB of results; 500 steps (~750 MB) leaking would show at once.
    expect(backend.memoryBytes).toBe(wasmBefore);
    expect(process.memoryUsage.rss()).toBeLessThan(rssBefore * 1.1 + 64 * 2 ** 20);
  });
});
