import type { Cblas } from './cblas.js';

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

/** Per library: the thread count it was last set to (-1: not yet by us). */
const threadState = new Map<string, { current: number }>();

/**
 * `blas` with each call run on the thread count that call should use: `threads` for a product
 * of at least {@link PARALLEL_MIN_MACS} multiply-adds, one otherwise, and one for every sgemv.
 * A matrix-vector product reads each value once, so a second thread mostly adds its wake-up:
 * Linear's bias gradient at batch 1024 (a 1024×256 sgemv) took 78 µs on two threads against
 * 18 µs on one, called 0.5 ms after the previous call. (W1's step time did not move measurably
 * with it: 0.995–1.003× in alternating rounds.) The count belongs to the library, for the whole
 * process, so it is set only when it differs from what this library was last set to by any
 * backend (two backends on one library stay right when alternated).
 */
export function withThreadPolicy(blas: Cblas, threads: number): Cblas {
  const state = threadState.get(blas.library) ?? { current: -1 };
  threadState.set(blas.library, state);
  const use = (want: number) => {
    if (state.current === want) return;
    blas.setThreads(want);
    state.current = want;
  };
  return {
    ...blas,
    sgemm(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) {
      use(threads > 1 && m * n * k >= PARALLEL_MIN_MACS ? threads : 1);
      blas.sgemm(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc);
    },
    sgemv(trans, m, n, a, x, beta, y) {
      use(1);
      blas.sgemv(trans, m, n, a, x, beta, y);
    },
  };
}
