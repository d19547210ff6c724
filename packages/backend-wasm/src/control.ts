/**
 * Layout of the Int32Array (on a SharedArrayBuffer) through which the calling thread hands a
 * product to the workers. The product is cut into chunks of C's columns (or rows) that every
 * thread, the caller included, claims from NEXT until none is left; so a worker the OS has not
 * scheduled yet never holds the caller up, it just finds nothing left to do. NEXT holds the
 * job's tag above its next chunk index, and a claim is a compare-and-swap that keeps the tag:
 * a thread that looked at one job can never take (or re-take) a chunk of the next one.
 */
export const SEQ = 0;
export const COMPLETED = 1;
export const SLEEPERS = 2;
export const ERROR = 3;
export const OP = 4;
export const NEXT = 5;
export const COUNT = 6;
export const OP_GEMM = 1;
export const OP_STOP = 2;
/** No job yet: one is coming, so stop sleeping and spin for up to WAKE_SPIN_MS. */
export const OP_WAKE = 3;
/** An Adam step cut into chunks of weights: p, g, m, v, vmax, n, chunk in JOB; its hyperparameters in F64. */
export const OP_ADAM = 4;
/** How long a worker woken by OP_WAKE spins for the job that follows. */
export const WAKE_SPIN_MS = 1;
/** The product: a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, byRows, chunk, addTo. */
export const JOB = 16;
/** Float64 job parameters (the Adam step's), as a Float64Array over the control block from this int32 slot on. */
export const F64 = 32;
/** How many float64 parameters a job may have. */
export const F64_COUNT = 8;
/** Per-thread gemm workspace pointers. */
export const WORK = F64 + 2 * F64_COUNT;
/** NEXT while a job is being written: tag 0, which no job has, so nobody claims a chunk of it. */
export const CLOSED = 0;
/** NEXT = tag << TAG_SHIFT | next chunk index; tags run from 1 to MAX_TAG. */
export const TAG_SHIFT = 20;
export const MAX_TAG = 2047;

/** Claims the next chunk of job `tag`: its index, or -1 when none is left or the job is gone. */
export function claimChunk(ctl: Int32Array, tag: number): number {
  for (;;) {
    const v = Atomics.load(ctl, NEXT);
    if (v >>> TAG_SHIFT !== tag) return -1;
    const i = v & ((1 << TAG_SHIFT) - 1);
    if (i >= Atomics.load(ctl, COUNT)) return -1;
    if (Atomics.compareExchange(ctl, NEXT, v, v + 1) === v) return i;
  }
}

/** Int32 slots the control block needs for `threads` threads. */
export function controlLength(threads: number): number {
  return WORK + threads;
}
