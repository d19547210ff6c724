import { availableParallelism } from 'node:os';
import { type Backend, MlpkitError } from '@mlpkit/tensor';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { type Cblas, loadCblas } from './cblas.js';
import { blasFused } from './blas-fused.js';
import { blasMatmul } from './blas-matmul.js';
import { importKoffi } from './koffi.js';
import { reuseFreedMemory } from './reuse-freed-memory.js';
import { shortenOpenblasSpin } from './openblas-thread-timeout.js';

/** Options of {@link createBlasBackend}. */
export interface BlasBackendOptions {
  /**
   * Threads the BLAS uses for a product (OpenBLAS's `openblas_set_num_threads`). Default: one
   * per core. Libraries without that call (Accelerate) keep their own setting.
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

const KNOWN_OPTIONS = new Set(['threads', 'library', 'reuseFreedMemory']);

/**
 * Products below this many multiply-adds run on one BLAS thread whatever the backend's count.
 * Timed inside W1 training on this 2-core machine (`pnpm bench --profile --backend blas`), two
 * OpenBLAS threads made every product of 13M multiply-adds or fewer slower, not faster (the
 * batch-64 weight gradient 0.16 → 0.43 ms, the batch-1024 output layer's backward 0.38 → 2.65
 * ms): the second thread has to be woken between calls and shares its core with V8's
 * garbage-collector threads. From about 200M (the batch-1024 weight gradient, 2.31 → 1.55 ms)
 * the second thread pays.
 */
export const PARALLEL_MIN_MACS = 1 << 26;

/**
 * `f`, first setting the library's thread count to what this call should use (`threads`, or 1
 * for a product of fewer than {@link PARALLEL_MIN_MACS} multiply-adds, as `macs` counts them)
 * when it is not that already: the count belongs to the library, for the whole process, so a
 * backend sets its own back after another backend on the same library changed it (`state` is
 * shared per library).
 */
function withThreads<F extends (...args: never[]) => unknown>(
  blas: Cblas, threads: number, state: { current: number }, macs: (...args: Parameters<F>) => number, f: F,
): F {
  return ((...args: Parameters<F>) => {
    const want = threads > 1 && macs(...args) < PARALLEL_MIN_MACS ? 1 : threads;
    if (state.current !== want) {
      blas.setThreads(want);
      state.current = want;
    }
    return f(...args);
  }) as F;
}
/** Per library: the thread count it was last set to (-1: not yet by us). */
const threadState = new Map<string, { current: number }>();

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
  for (const key of Object.keys(options))
    if (!KNOWN_OPTIONS.has(key)) throw new MlpkitError('createBlasBackend', `unknown option '${key}' (expected threads, library, reuseFreedMemory)`);
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new MlpkitError('createBlasBackend', `expected threads to be a positive integer, got ${String(options.threads)}`);
  if (options.reuseFreedMemory !== undefined && typeof options.reuseFreedMemory !== 'boolean')
    throw new MlpkitError('createBlasBackend', `expected reuseFreedMemory to be a boolean, got ${String(options.reuseFreedMemory)}`);
  shortenOpenblasSpin();
  const blas = await loadCblas(options.library);
  if (options.reuseFreedMemory ?? true) reuseFreedMemory(await importKoffi());
  const wasm = await createWasmBackend({ threads: 1 });
  const state = threadState.get(blas.library) ?? { current: -1 };
  threadState.set(blas.library, state);
  const fused = blasFused(blas);
  return {
    name: 'blas',
    threads,
    library: blas.library,
    // wasm's table (its other kernels, ReLU's backward, the updates, resident storage) with
    // the products and Linear's kernels replaced.
    kernels: {
      ...wasm.kernels,
      // Multiply-adds per call: the largest single product (a batched matmul's matrices run one by one).
      // m·k is x's last two dims whichever way it is read; n is y's column count as read. No
      // planning here: blasMatmul plans the product itself.
      matmul: withThreads(blas, threads, state, ([x, y], { transB }) => {
        const xr = x.shape.length, yr = y.shape.length;
        return x.shape[xr - 1] * x.shape[xr - 2] * y.shape[transB ? yr - 2 : yr - 1];
      }, blasMatmul(blas)),
      linear: withThreads(blas, threads, state, (x, w) => x.data.length * w.shape[0], fused.linear!),
      linearBackward: withThreads(blas, threads, state, (dy, x) => dy.data.length * x.shape[x.shape.length - 1], fused.linearBackward!),
    },
    get memoryBytes() { return wasm.memoryBytes; },
  };
}
