import { createBlasBackend } from '@mlpkit/backend-blas';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { MlpkitError, referenceBackend, setBackend } from '@mlpkit/tensor';
import { POSITIVE_INT, numberFlag } from './config.js';

/** The `--backend` choices; a new backend is one entry here and one branch below. */
export const BACKENDS = ['auto', 'wasm', 'blas', 'reference'] as const;

/** Which backend to run on: 'auto' tries WebAssembly and falls back to the reference. */
export type BackendChoice = (typeof BACKENDS)[number];

/**
 * Selects the backend and returns a line saying which one runs (and why, on a fallback).
 * The reference backend is plain TypeScript loops: correct everywhere, several times slower.
 * 'blas' (the machine's OpenBLAS or Accelerate) is only taken when asked for, and its error
 * (no BLAS library, and how to install one) is not hidden by a fallback.
 */
export async function chooseBackend(choice: BackendChoice, threads?: number): Promise<string> {
  if (choice === 'reference') {
    setBackend(referenceBackend);
    return 'backend: reference (pure TypeScript), as asked';
  }
  if (choice === 'blas') {
    const backend = await createBlasBackend({ threads });
    setBackend(backend);
    return `backend: blas (${backend.library}, ${backend.threads} thread${backend.threads === 1 ? '' : 's'})`;
  }
  try {
    const backend = await createWasmBackend({ threads });
    setBackend(backend);
    return `backend: wasm (WebAssembly SIMD, ${backend.threads} thread${backend.threads === 1 ? '' : 's'})`;
  } catch (error) {
    if (choice === 'wasm') throw error;
    setBackend(referenceBackend);
    return `backend: reference (pure TypeScript); the wasm backend did not load: ${(error as Error).message}`;
  }
}

/**
 * `--threads N` of training and predict: the wasm or blas backend's thread count (undefined:
 * their default, one per core). Refused with the reference backend, which has no threads.
 */
export function threadsFlag(raw: string | undefined, backend: BackendChoice): number | undefined {
  if (raw === undefined) return undefined;
  const threads = numberFlag('threads', raw, 1, POSITIVE_INT);
  if (backend === 'reference')
    throw new MlpkitError('pnpm demo', '--threads sets the wasm or blas backend\'s threads; the reference backend runs on one and takes none');
  return threads;
}
