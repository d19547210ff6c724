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
  // Wraps `fn` so that each call's wall time adds to the entry `keyOf(args)` names.
  const timed = <A extends unknown[], R>(fn: (...args: A) => R, keyOf: (args: A) => string) => (...args: A): R => {
    const t0 = performance.now();
    const out = fn(...args);
    const ms = performance.now() - t0;
    const key = keyOf(args);
    const entry = table.get(key) ?? { key, calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += ms;
    table.set(key, entry);
    return out;
  };
  type Input = { shape: readonly number[]; dtype: string };
  const kernels = {} as Record<string, unknown>;
  for (const [name, kernel] of Object.entries(backend.kernels) as [Primitive, (i: readonly Input[], p: Record<string, unknown>) => unknown][]) {
    kernels[name] = timed(kernel, ([inputs, params]) => {
      const flags = name === 'matmul' ? `${params.transA ? ' tA' : ''}${params.transB ? ' tB' : ''}` : '';
      return `${name} ${inputs.map((t) => `[${t.shape.join(',')}]${t.dtype === 'float32' ? '' : t.dtype}`).join('·')}${flags}`;
    });
  }
  // The fused kernels and optimizer updates are timed the same way, under their own names.
  const group = <T extends object>(prefix: string, fns: T | undefined): T | undefined => {
    if (!fns) return undefined;
    const out = {} as Record<string, unknown>;
    for (const [name, fn] of Object.entries(fns) as [string, (...a: unknown[]) => unknown][]) {
      out[name] = timed(fn, (args) => {
        const shapes = args.map((a) => (a && typeof a === 'object' && 'shape' in a ? `[${(a as Input).shape.join(',')}]` : ArrayBuffer.isView(a) ? `(${(a as Float32Array).length})` : ''));
        return `${prefix} ${name} ${shapes.filter(Boolean).join('·')}`;
      });
    }
    return out as T;
  };
  return {
    backend: {
      ...backend, name: `${backend.name} (profiled)`, kernels: kernels as KernelTable,
      fused: group('fused', backend.fused), updates: group('update', backend.updates),
    },
    times: () => [...table.values()].sort((a, b) => b.ms - a.ms),
    reset: () => { table = new Map(); },
  };
}
