import type { WorkerHandles } from './thread-pool.js';

/**
 * What a platform provides so that the kernels can run on several threads sharing one wasm
 * memory. `@mlpkit/backend-wasm/node` supplies Node's (worker_threads), and the main entry a
 * browser's (Web Workers) where the context is cross-origin isolated; without one, the backend
 * runs on the calling thread.
 */
export interface ThreadHost {
  /** How many cores this process may use: the default thread count. */
  parallelism(): number;
  /** Whether matmul should use fused multiply-add on this machine's CPU by default. */
  prefersFusedMultiplyAdd(): boolean;
  /**
   * Starts `count` workers that instantiate `module` on `memory` and follow the control block
   * (see control.ts); resolves once every one is ready.
   */
  spawn(count: number, module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer, spinMs: number): Promise<WorkerHandles>;
  /** Whether the calling thread may sleep in Atomics.wait while workers finish (default true). */
  readonly callerMayBlock?: boolean;
}
