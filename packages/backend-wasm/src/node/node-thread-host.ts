import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './worker-source.js';
import { prefersFusedMultiplyAdd } from '../support.js';
import type { ThreadHost } from '../thread-host.js';
import type { WorkerHandles } from '../thread-pool.js';

/**
 * Starts `count` worker_threads that instantiate the kernels on the shared memory and wait on
 * the control block. Resolves once every worker is ready; the workers are unref'd so they
 * never keep the process alive.
 */
async function spawn(
  count: number, module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer, spinMs: number,
): Promise<WorkerHandles> {
  const workers = Array.from({ length: count }, (_, i) => new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module, memory, control, index: i + 1, spinMs },
  }));
  const terminate = () => { for (const w of workers) void w.terminate(); };
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`worker exited with code ${code} before it was ready`)));
    })));
  } catch (error) {
    terminate();
    throw error;
  }
  for (const w of workers) {
    w.removeAllListeners('exit');
    w.removeAllListeners('error');
    // A worker that fails later is noticed by the pool's deadline; swallow the event so it
    // does not crash the process as an unhandled 'error'.
    w.on('error', () => {});
    w.unref();
  }
  return { terminate };
}

/** Node's threads: one worker_thread per extra thread, the core count from node:os. */
export const nodeThreadHost: ThreadHost = {
  parallelism: () => (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length),
  prefersFusedMultiplyAdd: () => prefersFusedMultiplyAdd(cpus()[0]?.model ?? ''),
  spawn,
};
