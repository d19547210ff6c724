import { type Kernel, storage, planMatmul, referenceKernels } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';
import type { GemmJob, GemmSplit, ThreadPool } from './thread-pool.js';

/** Below this many multiply-adds a product runs on the calling thread alone: the hand-off would not pay. */
export const PARALLEL_MIN_MACS = 1 << 18;
const NR = 8;
const MR = 4;

/**
 * How to cut one product for `threads` threads: by columns of C (multiples of the 8-wide
 * micro-tile), or by rows (multiples of 4) when C is taller than wide, into two chunks per
 * thread so a late thread's share is picked up by the others. Null when the product is too
 * small for the hand-off to pay.
 */
export function splitGemm(job: Pick<GemmJob, 'm' | 'n' | 'k'>, threads: number): GemmSplit | null {
  const { m, n, k } = job;
  if (threads <= 1 || m * n * k < PARALLEL_MIN_MACS) return null;
  const pieces = 2 * threads;
  const byRows = m >= 2 * MR * threads && (m > n || n < 2 * NR * threads);
  if (!byRows && n < 2 * NR * threads) return null;
  const [size, unit] = byRows ? [m, MR] : [n, NR];
  const chunk = Math.max(unit, Math.ceil(size / pieces / unit) * unit);
  return { byRows, chunk, count: Math.ceil(size / chunk) };
}

/**
 * Wakes the pool's workers when an m×n×k product is coming that they will share: they sleep
 * between products, and waking them before the inputs are copied in hides their wake-up.
 */
export function wakeFor(pool: ThreadPool | null, m: number, n: number, k: number): void {
  if (pool && splitGemm({ m, n, k }, pool.threads) !== null) pool.wake();
}

/** Runs one product on the calling thread, or spread over the pool when it is big enough. */
export function runGemm(rt: WasmRuntime, pool: ThreadPool | null, job: GemmJob): void {
  const split = pool ? splitGemm(job, pool.threads) : null;
  if (split === null)
    rt.exports.sgemm(job.a, job.rsA, job.csA, job.b, job.rsB, job.csB, job.c, job.ldc, job.m, job.n, job.k, rt.workspaces[0], job.addTo ? 1 : 0);
  else pool!.run(rt, job, split);
}

/**
 * The float32 matmul kernel: batched, with broadcast batch dims and either operand
 * transposed through its strides (no copy). Other dtypes, and products too big for the
 * module's 2 GiB memory, go to the reference kernel.
 */
export function wasmMatmul(rt: WasmRuntime, pool: ThreadPool | null): Kernel<'matmul'> {
  return (inputs, params) => {
    const [x, y] = inputs;
    if (x.dtype !== 'float32' || y.dtype !== 'float32') return referenceKernels.matmul(inputs, params);
    const { transA, transB } = params;
    const { m, k, n, count, outShape, xMatrix, yMatrix } = planMatmul(x, y, transA, transB);
    if (count * m * n === 0 || k === 0) return storage(new Float32Array(count * m * n), outShape);
    rt.reset();
    if (!rt.fits(x.data.length + y.data.length + count * m * n)) return referenceKernels.matmul(inputs, params);
    wakeFor(pool, m, n, k);
    const xp = rt.input(x.data as Float32Array), yp = rt.input(y.data as Float32Array), cp = rt.alloc(count * m * n);
    rt.commit();
    for (let s = 0; s < count; s++) {
      runGemm(rt, pool, {
        a: xp + xMatrix[s] * m * k * 4, rsA: transA ? 1 : k, csA: transA ? m : 1,
        b: yp + yMatrix[s] * k * n * 4, rsB: transB ? 1 : n, csB: transB ? k : 1,
        c: cp + s * m * n * 4, ldc: n, m, n, k,
      });
    }
    return storage(rt.read(cp, count * m * n), outShape);
  };
}
