import { type Backend, referenceBackend } from '@mlpkit/tensor';

type BackendFactory = () => Promise<Backend>;

// Each fast backend is imported when asked for, so that one that cannot load on this machine
// fails its own run only.
async function wasm(): Promise<Backend> {
  const { createWasmBackend } = await import('@mlpkit/backend-wasm/node');
  return createWasmBackend();
}

async function blas(): Promise<Backend> {
  const { createBlasBackend } = await import('@mlpkit/backend-blas');
  return createBlasBackend();
}

/** The backends conformance can run on; `all` means each one that loads on this machine. */
export const backendFactories: Record<string, BackendFactory> = {
  reference: async () => referenceBackend,
  wasm,
  blas,
};
