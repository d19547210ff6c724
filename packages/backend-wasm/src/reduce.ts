import { type Kernel, storage, referenceKernels, sizeOf } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';

function isRange(dims: readonly number[], from: number, to: number): boolean {
  if (dims.length !== to - from) return false;
  for (let i = 0; i < dims.length; i++) if (dims[i] !== from + i) return false;
  return true;
}

/**
 * float32 sum over leading dims (the bias gradient Σ dY over the batch) or trailing dims
 * (per-row sums, e.g. softmax denominators), accumulated in float64 like the reference.
 * Other dims and dtypes go to the reference.
 */
export function wasmSum(rt: WasmRuntime): Kernel<'sum'> {
  return (inputs, params) => {
    const [x] = inputs;
    const { dims, keepdim } = params;
    const r = x.shape.length;
    if (x.dtype !== 'float32' || x.data.length === 0 || dims.length === 0 || !rt.fits(3 * x.data.length + 16)) return referenceKernels.sum(inputs, params);
    const outShape = keepdim ? x.shape.map((d, i) => (dims.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !dims.includes(i));
    const leading = isRange(dims, 0, dims[dims.length - 1] + 1);
    if (!leading && !isRange(dims, dims[0], r)) return referenceKernels.sum(inputs, params);
    const split = leading ? dims.length : dims[0];
    const rows = sizeOf(x.shape.slice(0, split)), cols = sizeOf(x.shape.slice(split));
    const outCount = leading ? cols : rows;
    rt.reset();
    const xp = rt.input(x.data as Float32Array), outp = rt.alloc(outCount), accp = leading ? rt.alloc(2 * cols) : 0;
    rt.commit();
    if (leading) rt.exports.sumLeading(xp, outp, rows, cols, accp);
    else rt.exports.sumTrailing(xp, outp, rows, cols);
    return storage(rt.read(outp, outCount), outShape);
  };
}
