import { MlpkitError } from '@mlpkit/tensor';
import { CLOSED, COMPLETED, COUNT, ERROR, F64, F64_COUNT, JOB, MAX_TAG, NEXT, OP, OP_ADAM, OP_GEMM, OP_STOP, OP_WAKE, SEQ, SLEEPERS, TAG_SHIFT, WORK, claimChunk } from './control.js';
import type { WasmRuntime } from './runtime.js';

/** One product: C = A·B, or C += A·B with `addTo` (pointers in bytes, strides in elements). */
export interface GemmJob {
  a: number; rsA: number; csA: number;
  b: number; rsB: number; csB: number;
  c: number; ldc: number;
  m: number; n: number; k: number;
  addTo?: boolean;
}

/** How a product is cut: `count` chunks of `chunk` rows (byRows) or columns of C. */
export interface GemmSplit { byRows: boolean; chunk: number; count: number }

/** Handles to the workers, as the host that spawned them sees them. */
export interface WorkerHandles {
  /** Stops the worker threads (the pool has already told them to exit). */
  terminate(): void;
}

/** One Adam step over n weights (pointers in bytes, all resident; vmax 0 without AMSGrad), with the kernel's float64 arguments. */
export interface AdamJob {
  p: number; g: number; m: number; v: number; vmax: number; n: number;
  /** beta1, 1 − beta1, beta2, 1 − beta2, stepSize, correction2Sqrt, eps. */
  hyper: readonly number[];
}

/** Runs `chunk` weights of an Adam job from weight `from` on the calling thread. */
export function runAdamChunk(rt: WasmRuntime, j: AdamJob, from: number, chunk: number): void {
  const at = from * 4, [b1, ob1, b2, ob2, step, c2, eps] = j.hyper;
  rt.exports.adam(j.p + at, j.g + at, j.m + at, j.v + at, j.vmax ? j.vmax + at : 0, Math.min(chunk, j.n - from), b1, ob1, b2, ob2, step, c2, eps);
}

/** A chunk claimed but unfinished for this long means its worker is gone. */
const DEAD_AFTER_MS = 10_000;

/** Runs chunk `i` of a split product on the calling thread. */
function runChunk(rt: WasmRuntime, j: GemmJob, s: GemmSplit, i: number): void {
  const from = i * s.chunk, work = rt.workspaces[0], addTo = j.addTo ? 1 : 0;
  if (s.byRows)
    rt.exports.sgemm(j.a + from * j.rsA * 4, j.rsA, j.csA, j.b, j.rsB, j.csB, j.c + from * j.ldc * 4, j.ldc, Math.min(s.chunk, j.m - from), j.n, j.k, work, addTo);
  else
    rt.exports.sgemm(j.a, j.rsA, j.csA, j.b + from * j.csB * 4, j.rsB, j.csB, j.c + from * 4, j.ldc, j.m, Math.min(s.chunk, j.n - from), j.k, work, addTo);
}

/**
 * Hands products to worker threads that share the runtime's memory. Kernels are synchronous,
 * so the calling thread claims chunks too and then waits for chunks still in progress
 * (briefly spinning, then in Atomics.wait, which Node allows on its main thread; a browser's
 * main thread may not block, so there it keeps spinning).
 */
export class ThreadPool {
  private closed = false;
  /** The last job's tag (see control.ts). */
  private tag = 0;

  constructor(
    private readonly ctl: Int32Array,
    /** Number of threads including the calling one. */
    readonly threads: number,
    private readonly handles: WorkerHandles,
    workspaces: readonly number[],
    /** Whether the calling thread may sleep in Atomics.wait (a browser's main thread may not: it spins). */
    private readonly callerMayBlock = true,
  ) {
    for (let t = 0; t < threads; t++) ctl[WORK + t] = workspaces[t];
    this.f64 = new Float64Array(ctl.buffer, F64 * 4, F64_COUNT);
  }

  /** The float64 job parameters, a view of the control block. */
  private readonly f64: Float64Array;

  /**
   * Wakes sleeping workers ahead of a product, so that they are spinning by the time it is
   * posted: waking a thread costs tens of microseconds, which the caller spends copying the
   * inputs in instead of waiting for it.
   */
  wake(): void {
    if (this.closed || Atomics.load(this.ctl, SLEEPERS) === 0) return;
    Atomics.store(this.ctl, OP, OP_WAKE);
    Atomics.add(this.ctl, SEQ, 1);
    Atomics.notify(this.ctl, SEQ);
  }

  /** Computes the whole product, split as given, returning when every chunk is done. */
  run(rt: WasmRuntime, j: GemmJob, split: GemmSplit): void {
    this.post('matmul', OP_GEMM, split.count, [j.a, j.rsA, j.csA, j.b, j.rsB, j.csB, j.c, j.ldc, j.m, j.n, j.k, split.byRows ? 1 : 0, split.chunk, j.addTo ? 1 : 0], [],
      (i) => runChunk(rt, j, split, i));
  }

  /** Runs an Adam step in `count` chunks of `chunk` weights, returning when every chunk is done. */
  runAdam(rt: WasmRuntime, j: AdamJob, chunk: number): void {
    const count = Math.ceil(j.n / chunk);
    this.post('adam', OP_ADAM, count, [j.p, j.g, j.m, j.v, j.vmax, j.n, chunk], j.hyper, (i) => runAdamChunk(rt, j, i * chunk, chunk));
  }

  /**
   * Posts a job of `count` chunks (its int32 and float64 parameters into JOB and F64), takes
   * chunks on this thread too, and returns when all are done.
   */
  private post(op: string, code: number, count: number, ints: readonly number[], floats: readonly number[], runLocal: (i: number) => void): void {
    if (this.closed) throw new MlpkitError('backend-wasm', 'the wasm backend was closed; create a new one with createWasmBackend()');
    const ctl = this.ctl;
    Atomics.store(ctl, NEXT, CLOSED);
    for (let k = 0; k < ints.length; k++) ctl[JOB + k] = ints[k];
    this.f64.set(floats);
    Atomics.store(ctl, COUNT, count);
    Atomics.store(ctl, COMPLETED, 0);
    Atomics.store(ctl, ERROR, 0);
    Atomics.store(ctl, OP, code);
    const tag = (this.tag = (this.tag % MAX_TAG) + 1);
    Atomics.store(ctl, NEXT, tag << TAG_SHIFT);
    Atomics.add(ctl, SEQ, 1);
    if (Atomics.load(ctl, SLEEPERS) > 0) Atomics.notify(ctl, SEQ);
    let i: number;
    while ((i = claimChunk(ctl, tag)) >= 0) {
      runLocal(i);
      Atomics.add(ctl, COMPLETED, 1);
    }
    this.waitFor(op, count);
    if (Atomics.load(ctl, ERROR) !== 0) throw new MlpkitError(op, 'a wasm worker thread failed while computing its share');
  }

  /** Tells the workers to exit and stops them. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, OP, OP_STOP);
    Atomics.add(this.ctl, SEQ, 1);
    Atomics.notify(this.ctl, SEQ);
    this.handles.terminate();
  }

  private waitFor(op: string, count: number): void {
    const ctl = this.ctl;
    let spins = 0, deadline = 0;
    for (;;) {
      const done = Atomics.load(ctl, COMPLETED);
      if (done >= count) return;
      // A short spin covers a worker finishing right now; after that, sleep so a worker the
      // OS still has to schedule gets this core (workers notify after every chunk).
      if (++spins < 4096 || (!this.callerMayBlock && (spins & 4095) !== 0)) continue;
      const now = performance.now();
      if (deadline === 0) deadline = now + DEAD_AFTER_MS;
      else if (now > deadline) {
        this.close();
        throw new MlpkitError(op, `wasm worker threads did not finish within ${DEAD_AFTER_MS} ms; the pool was closed`);
      }
      if (this.callerMayBlock) Atomics.wait(ctl, COMPLETED, done, 5);
    }
  }
}
