import { MlpkitError, Tensor, referenceKernels } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { loadCblas } from './cblas.js';
import { createBlasBackend } from './create-backend.js';
import { PARALLEL_MIN_MACS } from './thread-policy.js';
import { installHint, libraryNames } from './library-names.js';
import { hasBlas, randomTensor } from './test-utils.js';

describe('createBlasBackend', () => {
  it('says how to install a BLAS when the library does not load', async () => {
    const error = await createBlasBackend({ library: '/nonexistent/libopenblas.so.0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlpkitError);
    expect((error as Error).message).toMatch(/^createBlasBackend: no CBLAS library found; tried \/nonexistent\/libopenblas\.so\.0/);
    if (process.platform === 'linux') expect((error as Error).message).toContain('apt-get install libopenblas0-pthread');
  });

  it('refuses bad thread counts and unknown options', async () => {
    await expect(createBlasBackend({ threads: 0 })).rejects.toThrow('createBlasBackend: expected threads to be a positive integer, got 0');
    await expect(createBlasBackend({ threads: 1.5 })).rejects.toThrow(MlpkitError);
    await expect(createBlasBackend({ thread: 2 } as object)).rejects.toThrow("createBlasBackend: unknown option 'thread'");
    await expect(createBlasBackend({ reuseFreedMemory: 'yes' } as object)).rejects.toThrow('createBlasBackend: expected reuseFreedMemory to be true or false, got the string "yes"');
  });

  it('looks for OpenBLAS first, Accelerate on macOS, and names the install command per platform', () => {
    expect(libraryNames('linux', 'x64')[0]).toBe('libopenblas.so.0');
    expect(libraryNames('linux', 'x64')).toContain('/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0');
    expect(libraryNames('darwin', 'arm64')[0]).toContain('Accelerate.framework');
    expect(installHint('linux')).toContain('apt-get install libopenblas0-pthread');
    expect(installHint('darwin')).toContain('brew install openblas');
  });

  it.runIf(hasBlas)('reports its name, threads and library, and keeps each backend\'s thread count', async () => {
    const one = await createBlasBackend({ threads: 1 }), two = await createBlasBackend({ threads: 2 });
    expect([one.name, one.threads, two.threads]).toEqual(['blas', 1, 2]);
    expect(one.library).toMatch(/blas|Accelerate/);
    // Alternating backends alternate the library's thread count; both stay right.
    const blas = await loadCblas(one.library);
    const x = randomTensor([96, 200], 1), y = randomTensor([200, 120], 2);
    const want = referenceKernels.matmul([x, y], { transA: false, transB: false });
    // A product of PARALLEL_MIN_MACS multiply-adds runs on the backend's threads, a smaller one on one.
    const bigX = randomTensor([512, 512], 3), bigY = randomTensor([512, 256], 4);
    expect(512 * 512 * 256).toBe(PARALLEL_MIN_MACS);
    for (const b of [one, two, one]) {
      const got = b.kernels.matmul([x, y], { transA: false, transB: false });
      expect(Math.max(...Array.from(got.data, (v, i) => Math.abs(v - want.data[i])))).toBeLessThan(1e-4);
      if (blas.getThreads() !== null) expect(blas.getThreads()).toBe(1);
      b.kernels.matmul([bigX, bigY], { transA: false, transB: false });
      if (blas.getThreads() !== null) expect(blas.getThreads()).toBe(b.threads);
    }
    expect(one.kernels.add([new Tensor(Float32Array.from([1, 2]), [2]), new Tensor(Float32Array.from([3, 4]), [2])], {}).data).toEqual(Float32Array.from([4, 6]));
  });

  it.runIf(hasBlas)('copies into and out of shared wasm memory through scopy, right to the last element', async () => {
    const blas = await loadCblas();
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true });
    const src = randomTensor([5000], 5).data as Float32Array;
    const inWasm = new Float32Array(memory.buffer, 4096 + 12, src.length), back = new Float32Array(src.length);
    blas.scopy(src, inWasm);
    blas.scopy(inWasm, back);
    expect(back).toEqual(src);
    // The wasm kernels the blas backend borrows copy through it: a large relu stays exact.
    const backend = await createBlasBackend({ threads: 1 });
    const x = randomTensor([64, 300], 6), zero = new Tensor(new Float32Array(1), []);
    expect(backend.kernels.maximum([x, zero], {}).data).toEqual(referenceKernels.maximum([x, zero], {}).data);
  });
});
