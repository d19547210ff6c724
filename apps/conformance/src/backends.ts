import { type Backend, referenceBackend } from '@mlpkit/tensor';

type BackendFactory = () => Promise<Backend>;

async function wasm(): Promise<Backend> {
  const moduleName = '@mlpkit/backend-wasm/node';
  const mod = (await import(/* @vite-ignore */ moduleName)) as { createWasmBackend: (o?: object) => Promise<Backend> };
  return mod.createWasmBackend();
}

async function blas(): Promise<Backend> {
  const moduleName = '@mlpkit/backend-blas';
  const mod = (await import(/* @vite-ignore */ moduleName)) as { createBlasBackend: (o?: object) => Promise<Backend> };
  return mod.createBlasBackend();
}

/** The backends conformance can run on; `all` means each one that loads on this machine. */
export const backendFactories: Record<string, BackendFactory> = {
  reference: async () => referenceBackend,
  wasm,
  blas,
};
