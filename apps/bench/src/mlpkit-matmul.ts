import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { type Backend, Tensor, type TypedArray, openStepScope, referenceBackend } from '@mlpkit/tensor';
import { type Product, flops, storedShapes } from './shapes.js';
import { timeMs } from './timing.js';
import { wasmPeakGflops } from './wasm-peak.js';

/** The one-thread wasm rows whose outputs go back to the allocator after each call (see {@link measure}). */
export const REUSED = 'mlpkit wasm, output reused';

export interface Row { system: string; threads: number; product: string; gflops: number | null; note?: string }

function random(shape: number[]): Tensor {
  const n = shape[0] * shape[1];
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.random() * 2 - 1;
  return new Tensor(data, shape);
}

/**
 * One call of `backend`'s matmul, returning its output's array. With `reuseOutput`, the call
 * runs in a step scope that hands its output back to the allocator when it ends, as a training
 * step's products are (docs/design.md, "Intermediates of training") and as PyTorch's row frees
 * each result; without it, each output is left to the garbage collector and the next one lands
 * in new memory.
 */
export function callMatmul(backend: Backend, a: Tensor, b: Tensor, params: { transA: boolean; transB: boolean }, reuseOutput: boolean): TypedArray {
  if (!reuseOutput) return backend.kernels.matmul([a, b], params).data;
  const scope = openStepScope('bench matmul');
  const out = backend.kernels.matmul([a, b], params).data;
  scope.release([]);
  return out;
}

/** GFLOP/s of `backend`'s matmul on product `p` (see {@link callMatmul}), median of rounds of at least `minMs`. */
export function measure(backend: Backend, p: Product, minMs: number, reuseOutput = false): number {
  const [sa, sb] = storedShapes(p);
  const a = random(sa), b = random(sb);
  const params = { transA: p.transA, transB: p.transB };
  const ms = timeMs(() => { callMatmul(backend, a, b, params, reuseOutput); }, minMs);
  return flops(p) / ms / 1e6;
}

/**
 * mlpkit's wasm backend at each thread count (on one thread also with its outputs reused), its
 * other kernel, the peak of each kernel's register tile, and the reference backend (small
 * products only in quick mode).
 */
export async function mlpkitRows(products: Product[], threadCounts: number[], minMs: number, quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  let defaultFma = false;
  for (const threads of threadCounts) {
    const backend = await createWasmBackend({ threads });
    defaultFma = backend.fusedMultiplyAdd;
    for (const p of products) rows.push({ system: 'mlpkit wasm', threads: backend.threads, product: p.name, gflops: measure(backend, p, minMs) });
    if (threads === 1)
      for (const p of products) rows.push({ system: REUSED, threads: 1, product: p.name, gflops: measure(backend, p, minMs, true) });
    backend.close();
  }
  // The kernel the default did not pick on this machine (fused multiply-add, or multiply then
  // add), so that the table shows what the choice is worth here.
  const other = await createWasmBackend({ threads: 1, relaxedSimd: !defaultFma });
  if (other.fusedMultiplyAdd !== defaultFma) {
    const system = `mlpkit wasm ${other.fusedMultiplyAdd ? 'FMA' : 'mul+add'}`;
    for (const p of products) rows.push({ system, threads: 1, product: p.name, gflops: measure(other, p, minMs) });
  }
  other.close();
  // The register tile alone, in L1, for each kernel: named like the rows it is the ceiling of
  // ('wasm tile peak' for 'mlpkit wasm', 'wasm tile peak FMA' for 'mlpkit wasm FMA', ...).
  for (const fma of [defaultFma, !defaultFma]) {
    const gflops = await wasmPeakGflops(fma, minMs);
    const system = `wasm tile peak${fma === defaultFma ? '' : fma ? ' FMA' : ' mul+add'}`;
    for (const p of products) rows.push({ system, threads: 1, product: p.name, gflops });
  }
  for (const p of products) {
    const skip = quick && flops(p) > 1e8;
    rows.push({
      system: 'mlpkit reference', threads: 1, product: p.name,
      gflops: skip ? null : measure(referenceBackend, p, Math.min(minMs, 200)),
      note: skip ? 'skipped in --quick' : undefined,
    });
  }
  return rows;
}
