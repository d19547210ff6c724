import { MlpkitError } from '@mlpkit/tensor';
import { type Library, type Native, importKoffi } from './koffi.js';
import { installHint, libraryNames } from './library-names.js';

/** CBLAS's constants (cblas.h): row-major storage, and whether an operand is transposed. */
const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;

/**
 * The few CBLAS routines the backend calls, on Float32Arrays passed by pointer (koffi hands
 * the native code the array's own memory: no copy in, no copy out).
 */
export interface Cblas {
  /** Which library answered (a name or path from {@link libraryNames}, or the one asked for). */
  readonly library: string;
  /** C = op(A)·op(B) + beta·C, row-major; `lda`, `ldb`, `ldc` are the row strides as stored. */
  sgemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
    a: Float32Array, lda: number, b: Float32Array, ldb: number, beta: number, c: Float32Array, ldc: number): void;
  /** y = op(A)·x + beta·y for A [m, n] row-major (op(A) = Aᵀ when `trans`). */
  sgemv(trans: boolean, m: number, n: number, a: Float32Array, x: Float32Array, beta: number, y: Float32Array): void;
  /** y = x, element by element (same length): BLAS level 1's copy. */
  scopy(x: Float32Array, y: Float32Array): void;
  /** Sets the library's thread count; false when it has no such call (then its own default holds). */
  setThreads(threads: number): boolean;
  /** The library's thread count now, or null when it cannot say. */
  getThreads(): number | null;
}

function optionalFunc(lib: Library, definition: string): Native | null {
  try {
    return lib.func(definition);
  } catch {
    return null;
  }
}

/** Binds the routines of an opened library; throws when it has no cblas_sgemm. */
function bind(lib: Library, library: string): Cblas {
  const sgemm = lib.func('void cblas_sgemm(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int)');
  const sgemv = lib.func('void cblas_sgemv(int, int, int, int, float, const float *, int, const float *, int, float, float *, int)');
  const scopy = lib.func('void cblas_scopy(int, const float *, int, float *, int)');
  const setThreads = optionalFunc(lib, 'void openblas_set_num_threads(int)');
  const getThreads = optionalFunc(lib, 'int openblas_get_num_threads()');
  return {
    library,
    sgemm: (transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) =>
      sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1, a, lda, b, ldb, beta, c, ldc),
    sgemv: (trans, m, n, a, x, beta, y) => sgemv(ROW_MAJOR, trans ? TRANS : NO_TRANS, m, n, 1, a, n, x, 1, beta, y, 1),
    scopy: (x, y) => scopy(x.length, x, 1, y, 1),
    setThreads: (threads) => {
      if (!setThreads) return false;
      setThreads(threads);
      return true;
    },
    getThreads: () => (getThreads ? (getThreads() as number) : null),
  };
}

/**
 * Opens the machine's CBLAS: `library` when given, else the first of {@link libraryNames}
 * that loads and has `cblas_sgemm`.
 *
 * @throws MlpkitError naming what was tried and how to install a BLAS, when none loads.
 */
export async function loadCblas(library?: string): Promise<Cblas> {
  let koffi: Awaited<ReturnType<typeof importKoffi>>;
  try {
    koffi = await importKoffi();
  } catch (error) {
    throw new MlpkitError('createBlasBackend', `the FFI package koffi did not load on this platform (${process.platform}-${process.arch}): ${(error as Error).message}`);
  }
  const names = library === undefined ? libraryNames() : [library];
  const failures: string[] = [];
  for (const name of names) {
    try {
      return bind(koffi.load(name), name);
    } catch (error) {
      failures.push(`${name} (${(error as Error).message.split('\n')[0]})`);
    }
  }
  throw new MlpkitError('createBlasBackend', `no CBLAS library found; tried ${failures.join(', ')}. ${installHint()}, or pass library: '/path/to/libopenblas.so.0'`);
}
