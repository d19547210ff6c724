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

describe('createWasmBackend options', () => {
  it('refuses an unknown option and a nativeCopy that is not a function', async () => {
    await expect(createBackendOn(null, { thread: 2 } as object)).rejects.toThrow("createWasmBackend: unknown option 'thread' (expected 'threads', 'spinMs', 'relaxedSimd', 'residentMiB', 'nativeCopy')");
    await expect(createBackendOn(null, { nativeCopy: 'memcpy' } as object)).rejects.toThrow('createWasmBackend: expected nativeCopy to be a function (src, dst) => void, got');
  });

  it('refuses thread counts, spins and flags of the wrong type or beyond their bounds', async () => {
    const refused = (options: object) => expect(createBackendOn(null, options)).rejects.toThrow(MlpkitError);
    await expect(createBackendOn(null, { threads: 2 ** 40 })).rejects.toThrow('createWasmBackend: threads: 1099511627776 is more than the 256 threads a backend may start');
    await expect(createBackendOn(null, { threads: 1.5 })).rejects.toThrow('createWasmBackend: expected threads to be a positive integer, got 1.5');
    await expect(createBackendOn(null, { threads: 1, spinMs: NaN })).rejects.toThrow('createWasmBackend: expected spinMs to be a number of milliseconds in 0..1000, got number NaN');
    await refused({ threads: 1, spinMs: 'abc' });
    await refused({ threads: 1, spinMs: Infinity });
    await refused({ threads: 1, spinMs: -1 });
    await expect(createBackendOn(null, { threads: 1, relaxedSimd: 'no' } as object)).rejects.toThrow('createWasmBackend: expected relaxedSimd to be true or false, got the string "no"');
    expect((await createBackendOn(null, { threads: 1, spinMs: 2, relaxedSimd: false })).fusedMultiplyAdd).toBe(false);
  });

  it('caps a default thread count from a host with more cores than the bound, instead of refusing it', async () => {
    const asked: number[] = [];
    const manyCores: ThreadHost = { ...brokenHost, parallelism: () => 1000, spawn: (count) => (asked.push(count), Promise.reject(new Error('no'))) };
    expect((await createBackendOn(manyCores)).threads).toBe(1);
    expect(asked).toEqual([255]);
  });

  it('copies large inputs in and results out with nativeCopy, small ones itself', async () => {
    const copies: number[] = [];
    const backend = await createBackendOn(null, { threads: 1, nativeCopy: (src, dst) => { copies.push(src.length); dst.set(src); } });
    const big = new Tensor(Float32Array.from({ length: 5000 }, (_, i) => (i % 13) - 6), [5000]);
    const zero = new Tensor(new Float32Array(1), []);
    const y = backend.kernels.maximum([big, zero], {});
    expect(Array.from(y.data)).toEqual(Array.from(big.data, (v) => Math.max(v, 0)));
    expect(copies).toEqual([5000, 5000]);
    backend.kernels.maximum([new Tensor(Float32Array.from([-1, 2]), [2]), zero], {});
    expect(copies).toHaveLength(2);
    backend.close();
  });
});
