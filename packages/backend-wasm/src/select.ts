import { type ComparePrimitive, type Kernel, type TensorStorage, storage, broadcastShapes, referenceKernels, shapesEqual, sizeOf } from '@mlpkit/tensor';
import { runPairKernel } from './elementwise.js';
import type { WasmRuntime } from './runtime.js';

/** The comparison primitives and their op codes in assembly/select.ts. */
export const COMPARE_OPS = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 } as const satisfies Record<ComparePrimitive, number>;

/** A float32 comparison in wasm (bool out): same shapes, a scalar, or a broadcast row; else the reference. */
export function wasmCompare(rt: WasmRuntime, op: ComparePrimitive): Kernel<ComparePrimitive> {
  const code = COMPARE_OPS[op];
  const fallback = referenceKernels[op];
  return (inputs, params) =>
    runPairKernel(rt, op, inputs[0], inputs[1], 'bool', (ap, bp, outp, rows, cols, mode) => rt.exports.compare(code, ap, bp, outp, rows, cols, mode))
    ?? fallback(inputs, params);
}

/**
 * where(condition, a, b) in wasm for float32 values when each operand is either the full
 * broadcast shape or a single value (ReLU's `where(x > 0, x, 0)` and its derivative's
 * `where(x > 0, 1, 0)`); other cases go to the reference.
 */
export function wasmWhere(rt: WasmRuntime): Kernel<'where'> {
  return (inputs, params) => {
    const [c, a, b] = inputs;
    if (c.dtype !== 'bool' || a.dtype !== 'float32' || b.dtype !== 'float32') return referenceKernels.where(inputs, params);
    const shape = broadcastShapes('where', c.shape, a.shape, b.shape);
    const size = sizeOf(shape);
    const full = (t: TensorStorage) => shapesEqual(t.shape, shape);
    if (size === 0 || ![c, a, b].every((t) => full(t) || t.data.length === 1)) return referenceKernels.where(inputs, params);
    rt.reset();
    if (!rt.fits(c.data.length / 4 + a.data.length + b.data.length + size + 4)) return referenceKernels.where(inputs, params);
    const cp = rt.allocBytes(c.data.length), ap = rt.input(a.data as Float32Array), bp = rt.input(b.data as Float32Array), outp = rt.alloc(size);
    rt.commit();
    rt.writeBytes(cp, c.data as Uint8Array);
    const flags = (full(c) ? 1 : 0) | (full(a) ? 2 : 0) | (full(b) ? 4 : 0);
    rt.exports.where(cp, ap, bp, outp, size, flags);
    return storage(rt.read(outp, size), shape);
  };
}
