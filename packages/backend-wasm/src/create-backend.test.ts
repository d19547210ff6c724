import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { createBackendOn } from './create-backend.js';
import type { ThreadHost } from './thread-host.js';

// A platform whose workers cannot start (a page whose policy blocks Blob workers, say).
const brokenHost: ThreadHost = {
  parallelism: () => 4,
  prefersFusedMultiplyAdd: () => true,
  spawn: () => Promise.reject(new Error('blocked by the page')),
};

describe('when worker threads cannot start', () => {
  it('falls back to the calling thread if the thread count was the default', async () => {
    const backend = await createBackendOn(brokenHost);
    expect(backend.threads).toBe(1);
    const x = new Tensor(Float32Array.from({ length: 64 * 64 }, (_, i) => i % 7), [64, 64]);
    const y = backend.kernels.matmul([x, x], { transA: false, transB: false });
    expect(y.data[0]).toBe(Array.from({ length: 64 }, (_, p) => (p % 7) * ((p * 64) % 7)).reduce((a, b) => a + b, 0));
    backend.close();
  });

  it('says so if the caller asked for threads', async () => {
    const attempt = createBackendOn(brokenHost, { threads: 3 });
    await expect(attempt).rejects.toThrow(MlpkitError);
    await expect(createBackendOn(brokenHost, { threads: 3 })).rejects.toThrow(/could not start 2 worker thread\(s\): blocked by the page/);
  });
});
