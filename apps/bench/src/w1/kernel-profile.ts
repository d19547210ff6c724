import { type Backend, type KernelTable, referenceKernels } from '@mlpkit/tensor';

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
  // The optional entries (fused kernels, optimizer updates) take other arguments than a
  // primitive's: every entry the reference table (the primitives alone) lacks.
  const updates = new Set(['axpy', 'sgdMomentum', 'adam']);
  const kernels = {} as Record<string, unknown>;
  for (const [name, kernel] of Object.entries(backend.kernels) as [string, (...a: unknown[]) => unknown][]) {
    if (name === 'residentCopy') kernels[name] = kernel;
    else if (!(name in referenceKernels)) {
      kernels[name] = timed(kernel, (args) => {
        const shapes = args.map((a) => (a && typeof a === 'object' && 'shape' in a ? `[${(a as Input).shape.join(',')}]` : ArrayBuffer.isView(a) ? `(${(a as Float32Array).length})` : ''));
        return `${updates.has(name) ? 'update' : 'fused'} ${name} ${shapes.filter(Boolean).join('·')}`;
      });
    } else {
      kernels[name] = timed(kernel as (i: readonly Input[], p: Record<string, unknown>) => unknown, ([inputs, params]) => {
        const flags = name === 'matmul' ? `${params.transA ? ' tA' : ''}${params.transB ? ' tB' : ''}` : '';
        return `${name} ${inputs.map((t) => `[${t.shape.join(',')}]${t.dtype === 'float32' ? '' : t.dtype}`).join('·')}${flags}`;
      });
    }
  }
  return {
    backend: { ...backend, name: `${backend.name} (profiled)`, kernels: kernels as unknown as KernelTable },
    times: () => [...table.values()].sort((a, b) => b.ms - a.ms),
    reset: () => { table = new Map(); },
  };
}
