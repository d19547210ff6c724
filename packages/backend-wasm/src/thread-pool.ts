import { MlpkitError } from '@mlpkit/tensor';
import { DONE, ERROR, OP, OP_GEMM, OP_STOP, SEQ, SLEEPERS, SLOT_BASE, SLOT_SIZE } from './control.js';
import type { WasmRuntime } from './runtime.js';

/** One thread's share of a product: C block = A block · B block (pointers in bytes, strides in elements). */
export interface GemmJob {
  a: number; rsA: number; csA: number;
  b: number; rsB: number; csB: number;
  c: number; ldc: number;
  m: number; n: number; k: number;
}

/** Handles to the workers, as the host that spawned them sees them. */
export interface WorkerHandles {
  /** Stops the worker threads (the pool has already told them to exit). */
  terminate(): void;
}

/** A worker stuck for this long while the calling thread's own share took a fraction of it is presumed dead. */
const DEAD_AFTER_MS = 5000;

/**
 * Hands gemm jobs to worker threads that share the runtime's memory. The calling thread runs
 * job 0 itself, then waits for the others (spinning briefly, then in Atomics.wait where the
 * host allows blocking), because kernels are synchronous.
 */
export class ThreadPool {
  private closed = false;

  constructor(
    private readonly ctl: Int32Array,
    /** Number of threads including the calling one. */
    readonly threads: number,
    private readonly handles: WorkerHandles,
    private readonly canBlock: boolean,
  ) {}

  /** Runs jobs[0] here and jobs[1..] on workers 1.., returning when all are done. */
  run(rt: WasmRuntime, jobs: readonly GemmJob[]): void {
    if (this.closed) throw new MlpkitError('backend-wasm', 'the wasm backend was closed; create a new one with createWasmBackend()');
    const ctl = this.ctl;
    const workers = this.threads - 1;
    for (let t = 1; t <= workers; t++) {
      const base = SLOT_BASE + t * SLOT_SIZE;
      const j = jobs[t];
      if (j === undefined) { ctl[base + 8] = 0; continue; }
      ctl[base] = j.a; ctl[base + 1] = j.rsA; ctl[base + 2] = j.csA;
      ctl[base + 3] = j.b; ctl[base + 4] = j.rsB; ctl[base + 5] = j.csB;
      ctl[base + 6] = j.c; ctl[base + 7] = j.ldc;
      ctl[base + 8] = j.m; ctl[base + 9] = j.n; ctl[base + 10] = j.k; ctl[base + 11] = rt.workspaces[t];
    }
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, ERROR, 0);
    Atomics.store(ctl, OP, OP_GEMM);
    Atomics.add(ctl, SEQ, 1);
    if (Atomics.load(ctl, SLEEPERS) > 0) Atomics.notify(ctl, SEQ);
    const start = performance.now();
    const j = jobs[0];
    if (j.m > 0 && j.n > 0)
      rt.exports.sgemm(j.a, j.rsA, j.csA, j.b, j.rsB, j.csB, j.c, j.ldc, j.m, j.n, j.k, rt.workspaces[0]);
    this.waitForWorkers(workers, performance.now() - start);
    if (Atomics.load(ctl, ERROR) !== 0) throw new MlpkitError('matmul', 'a wasm worker thread failed while computing its share');
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

  private waitForWorkers(workers: number, ownMs: number): void {
    const ctl = this.ctl;
    const deadline = performance.now() + DEAD_AFTER_MS + 20 * ownMs;
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done >= workers) return;
      if ((++spins & 1023) !== 0) continue;
      const now = performance.now();
      if (now > deadline) {
        this.close();
        throw new MlpkitError('matmul', `wasm worker threads did not answer within ${Math.round(now - deadline + DEAD_AFTER_MS)} ms; the pool was closed`);
      }
      if (this.canBlock && spins > 1 << 20) Atomics.wait(ctl, DONE, done, 1);
    }
  }
}
