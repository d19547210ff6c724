import type { ThreadHost } from './thread-host.js';
import type { WorkerHandles } from './thread-pool.js';
import { WORKER_LOOP_SOURCE } from './worker-loop-source.js';

/** A Web Worker's program: its start-up data arrives as the first message. */
const BROWSER_WORKER_SOURCE = `
'use strict';
self.onmessage = (event) => {
  self.onmessage = null;
  const { module, memory, control, index, spinMs } = event.data;
  const ready = () => self.postMessage('ready');
  ${WORKER_LOOP_SOURCE}
};
`;

/** A worker that has not said it is ready by then is taken to be unable to start (a CSP, a blocked Blob URL). */
const START_TIMEOUT_MS = 10_000;

/**
 * Starts `count` Web Workers from a Blob of the worker program and hands each the compiled
 * module, the shared memory and the control block. Resolves once every worker is ready.
 */
async function spawn(
  count: number, module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer, spinMs: number,
): Promise<WorkerHandles> {
  const url = URL.createObjectURL(new Blob([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }));
  const workers: Worker[] = [];
  const terminate = () => { for (const w of workers) w.terminate(); };
  try {
    for (let i = 0; i < count; i++) workers.push(new Worker(url, { name: `mlpkit-wasm-${i + 1}` }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the wasm workers did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    });
    const ready = Promise.all(workers.map((w, i) => new Promise<void>((resolve, reject) => {
      w.onmessage = () => resolve();
      w.onerror = (e) => reject(new Error(`a wasm worker failed to start: ${e.message}`));
      w.onmessageerror = () => reject(new Error('a wasm worker could not receive the module or the shared memory'));
      w.postMessage({ module, memory, control, index: i + 1, spinMs });
    })));
    await Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    terminate();
    throw error;
  } finally {
    URL.revokeObjectURL(url);
  }
  for (const w of workers) { w.onmessage = null; w.onerror = null; w.onmessageerror = null; }
  return { terminate };
}

/**
 * A browser's threads, where this context can share its wasm memory with Web Workers (a
 * cross-origin isolated page or worker); null elsewhere, Node included. CPUs are not named in
 * browsers, so matmul takes fused multiply-add by default. A page's main thread may not block,
 * so it spins while the workers finish their share.
 */
export function browserThreadHost(): ThreadHost | null {
  const g = globalThis as { crossOriginIsolated?: boolean; window?: unknown; navigator?: { hardwareConcurrency?: number } };
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || g.crossOriginIsolated !== true) return null;
  return {
    parallelism: () => Math.max(1, g.navigator?.hardwareConcurrency ?? 1),
    prefersFusedMultiplyAdd: () => true,
    spawn,
    callerMayBlock: g.window === undefined,
  };
}
