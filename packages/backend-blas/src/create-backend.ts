import { availableParallelism } from 'node:os';
import { type Backend, MlpkitError, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { loadCblas } from './cblas.js';
import { blasFused } from './blas-fused.js';
import { blasMatmul } from './blas-matmul.js';
import { importKoffi } from './koffi.js';
import { reuseFreedMemory } from './reuse-freed-memory.js';
import { shortenOpenblasSpin } from './openblas-thread-timeout.js';
import { withThreadPolicy } from './thread-policy.js';

/** Options of {@link createBlasBackend}. */
export interface BlasBackendOptions {
  /**
   * Threads the BLAS uses for a product (OpenBLAS's `openblas_set_num_threads`). Default: one
   * per core. Libraries without that call (Accelerate) keep their own setting. When they fill
   * every core, V8's background marking slows the products: run Node with
   * `--single-threaded-gc` for large batches (this package's README, "When the BLAS takes
   * every core").
   */
  threads?: number;
  /** The CBLAS library to open (a file name or path); default: the first that loads of the usual ones. */
  library?: string;
  /**
   * Let glibc keep freed tensor buffers for reuse (see {@link reuseFreedMemory}): a
   * process-wide malloc setting that makes large products up to 3× faster on two threads.
   * Default: true. Ignored where there is no glibc.
   */
  reuseFreedMemory?: boolean;
}

/** The BLAS backend: a {@link Backend} plus what it runs on. */
export interface BlasBackend extends Backend {
  readonly name: 'blas';
  /** Threads the BLAS was asked to use. */
  readonly threads: number;
  /** The library that answered, e.g. `libopenblas.so.0`. */
  readonly library: string;
  /** Bytes of the wasm memory that the kernels from backend-wasm (and Parameters) use. */
  readonly memoryBytes: number;
}

const BLAS_BACKEND_OPTIONS = ['threads', 'library', 'reuseFreedMemory'] as const satisfies readonly (keyof BlasBackendOptions)[];

/**
 * Creates the native BLAS backend for Node: matmul (every transpose layout, batched and
 * broadcast) and Linear's fused forward and backward run in the machine's CBLAS (OpenBLAS,
 * or Accelerate on macOS) through the FFI package koffi, on the tensors' own Float32Arrays
 * passed by pointer; every other kernel, ReLU's backward, the optimizer updates and the
 * storage of Parameters come from `@mlpkit/backend-wasm` (on one thread). Choose it with
 * `setBackend(await createBlasBackend({ threads: 2 }))`; nothing happens on import.
 *
 * @throws MlpkitError when no CBLAS library loads (saying how to install one), or `threads`
 * is not a positive integer, or an option is unknown.
 */
export async function createBlasBackend(options: BlasBackendOptions = {}): Promise<BlasBackend> {
  checkOptions('createBlasBackend', options, BLAS_BACKEND_OPTIONS);
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new MlpkitError('createBlasBackend', `expected threads to be a positive integer, got ${String(options.threads)}`);
  if (options.reuseFreedMemory !== undefined) checkBoolean('createBlasBackend', 'reuseFreedMemory', options.reuseFreedMemory);
  shortenOpenblasSpin();
  const blas = withThreadPolicy(await loadCblas(options.library), threads);
  if (options.reuseFreedMemory ?? true) reuseFreedMemory(await importKoffi());
  // The wasm kernels' copies in and out of shared wasm memory run at memcpy's speed through the
  // BLAS's scopy, twice TypedArray.set's there.
  const wasm = await createWasmBackend({ threads: 1, nativeCopy: (src, dst) => blas.scopy(src, dst) });
  const fused = blasFused(blas);
  return {
    name: 'blas',
    threads,
    library: blas.library,
    // wasm's table (its other kernels, ReLU's backward, the updates, resident storage) with
    // the products and Linear's kernels replaced.
    kernels: {
      ...wasm.kernels,
      matmul: blasMatmul(blas),
      ...fused,
    },
    get memoryBytes() { return wasm.memoryBytes; },
  };
}
