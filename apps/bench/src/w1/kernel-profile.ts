import type { Backend, KernelTable, Primitive } from '@mlpkit/tensor';

/** Time spent in one primitive with one input-shape signature. */
export interface KernelTime {
  key: string;
  calls: number;
  ms: number;
}

/**
 * Wraps every kernel of `backend` so that each call's wall time is added up per primitive and
 * input shapes (e.g. `matmul [64,784]·[256,784] tB`). This is how `pnpm bench --profile`
 * tells kernel time from the JavaScript around it (autograd, loss, optimizer, data loader).
 */
export function profiledBackend(backend: Backend): { backend: Backend; times: () => KernelTime[]; reset: () => void } {
  let table = new Map<string, KernelTime>();
  const kernels = {} as Record<string, unknown>;
  for (const [name, kernel] of Object.entries(backend.kernels) as [Primitive, (i: readonly unknown[], p: unknown) => unknown][]) {
    kernels[name] = (inputs: readonly { shape: readonly number[]; dtype: string }[], params: Record<string, unknown>) => {
      const t0 = performance.now();
      const out = kernel(inputs, params);
      const ms = performance.now() - t0;
      const flags = name === 'matmul' ? `${params.transA ? ' tA' : ''}${params.transB ? ' tB' : ''}` : '';
      const key = `${name} ${inputs.map((t) => `[${t.shape.join(',')}]${t.dtype === 'float32' ? '' : t.dtype}`).join('·')}${flags}`;
      const entry = table.get(key) ?? { key, calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += ms;
      table.set(key, entry);
      return out;
    };
  }
  return {
    backend: { ...backend, name: `${backend.name} (profiled)`, kernels: kernels as KernelTable },
    times: () => [...table.values()].sort((a, b) => b.ms - a.ms),
    reset: () => { table = new Map(); },
  };
}
