import { WORKER_SOURCE } from './control.js';
import { prefersFusedMultiplyAdd } from './support.js';
import type { WorkerHandles } from './thread-pool.js';

type WorkerThreads = typeof import('node:worker_threads');
type NodeOs = typeof import('node:os');

// Resolved at run time and hidden from bundlers, so a browser build never sees Node's modules;
// these paths only run where `isNode()` is true.
const WORKER_THREADS = 'node:worker_threads';
const OS = 'node:os';

async function importNode<T>(specifier: string): Promise<T> {
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T;
}

/** os.availableParallelism() in Node (the number of cores this process may use). */
export async function nodeParallelism(): Promise<number> {
  const os = await importNode<NodeOs>(OS);
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Whether matmul should use fused multiply-add on this machine's CPU (see `prefersFusedMultiplyAdd`). */
export async function nodePrefersFusedMultiplyAdd(): Promise<boolean> {
  const os = await importNode<NodeOs>(OS);
  return prefersFusedMultiplyAdd(os.cpus()[0]?.model ?? '');
}

/**
 * Starts `count` worker_threads that instantiate the kernels on the shared memory and wait on
 * the control block. Resolves once every worker is ready; the workers are unref'd so they
 * never keep the process alive.
 */
export async function spawnNodeWorkers(
  count: number, module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer, spinMs: number,
): Promise<WorkerHandles> {
  const { Worker } = await importNode<WorkerThreads>(WORKER_THREADS);
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
