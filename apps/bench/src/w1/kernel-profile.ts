import type { Backend, KernelTable, Primitive } from '@mlpkit/tensor';

/** Time spent in one primitive with one input-shape signature. */
export interface KernelTime {
  key: string;
  calls: number;
  ms: number;
}

/**
 * Wraps every kernel of `backend` (fused kernels and optimizer updates included) so that each
 * call's wall time is added up per primitive and input shapes (e.g. `matmul [64,784]·[256,784] tB`). This is how `pnpm bench --profile`
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
  // The fused kernels and optimizer updates are timed the same way, under their own names.
  const timed = <T extends object>(group: string, fns: T | undefined): T | undefined => {
    if (!fns) return undefined;
    const out = {} as Record<string, unknown>;
    for (const [name, fn] of Object.entries(fns) as [string, (...a: unknown[]) => unknown][]) {
      out[name] = (...args: unknown[]) => {
        const t0 = performance.now();
        const result = fn(...args);
        const ms = performance.now() - t0;
        const shapes = args.map((a) => (a && typeof a === 'object' && 'shape' in a ? `[${(a as { shape: number[] }).shape.join(',')}]` : ArrayBuffer.isView(a) ? `(${(a as Float32Array).length})` : '')).filter(Boolean);
        const key = `${group} ${name} ${shapes.join('·')}`;
        const entry = table.get(key) ?? { key, calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += ms;
        table.set(key, entry);
        return result;
      };
    }
    return out as T;
  };
  return {
    backend: {
      ...backend, name: `${backend.name} (profiled)`, kernels: kernels as KernelTable,
      fused: timed('fused', backend.fused), updates: timed('update', backend.updates),
    },
    times: () => [...table.values()].sort((a, b) => b.ms - a.ms),
    reset: () => { table = new Map(); },
  };
}
