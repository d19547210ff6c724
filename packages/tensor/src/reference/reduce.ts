import type { Kernel } from '../backend.js';
import { type DType, type DTypeArray, allocate } from '../dtype.js';
import { sizeOf } from '../shape.js';
import { forEachBroadcast } from './strided.js';
import { type TensorStorage, storage } from '../storage.js';

function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((d, i) => (dims.includes(i) ? 1 : d));
}

function finalShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  return keepdim ? keptShape(shape, dims) : shape.filter((_, i) => !dims.includes(i));
}

/**
 * Folds every element into its output slot of `out`, allocated here for `op`; accumulates in
 * float64 for accuracy. Both go through `allocate`'s bound: an empty input can reduce to a huge
 * output (`[0, 1e10]` over dim 0 is 1e10 sums of nothing).
 */
function fold<D extends DType>(
  op: string, x: TensorStorage, dims: readonly number[], dtype: D, init: number, step: (acc: number, v: number) => number,
): DTypeArray[D] {
  const kept = keptShape(x.shape, dims);
  const out = allocate(dtype, sizeOf(kept), op);
  const acc = allocate('float64', out.length, op).fill(init);
  const src = x.data;
  forEachBroadcast(x.shape, [kept], (o, a, _b, _c, n, sa) => {
    for (let i = 0; i < n; i++, a += sa) acc[a] = step(acc[a], src[o + i]);
  });
  out.set(acc);
  return out;
}

export const sumKernel: Kernel<'sum'> = ([x], { dims, keepdim }) => {
  const out = fold('sum', x, dims, x.dtype === 'bool' ? 'int32' : x.dtype, 0, (a, v) => a + v);
  return storage(out, finalShape(x.shape, dims, keepdim));
};

function extremeKernel(sign: 1 | -1): Kernel<'amax' | 'amin'> {
  return ([x], { dims, keepdim }) => {
    // NaN wins, as in PyTorch.
    const out = fold(sign > 0 ? 'amax' : 'amin', x, dims, x.dtype, -sign * Infinity, (a, v) => (v !== v || a !== a ? NaN : sign * v > sign * a ? v : a));
    return storage(out, finalShape(x.shape, dims, keepdim));
  };
}

export const amaxKernel = extremeKernel(1);
export const aminKernel = extremeKernel(-1);

function argKernel(sign: 1 | -1): Kernel<'argmax' | 'argmin'> {
  return ([x], { dim, keepdim }) => {
    const shape = dim === null ? [x.data.length] : x.shape;
    const d = dim ?? 0;
    const outer = sizeOf(shape.slice(0, d));
    const n = shape[d];
    const inner = sizeOf(shape.slice(d + 1));
    const out = allocate('int32', outer * inner, sign > 0 ? 'argmax' : 'argmin');
    const src = x.data;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let best = 0;
        let bestValue = src[o * n * inner + i];
        for (let j = 1; j < n && bestValue === bestValue; j++) {
          const v = src[(o * n + j) * inner + i];
          if (v !== v || sign * v > sign * bestValue) { best = j; bestValue = v; }
        }
        out[o * inner + i] = best;
      }
    }
    const outShape = dim === null ? (keepdim ? x.shape.map(() => 1) : []) : finalShape(x.shape, [dim], keepdim);
    return storage(out, outShape);
  };
}

export const argmaxKernel = argKernel(1);
export const argminKernel = argKernel(-1);
