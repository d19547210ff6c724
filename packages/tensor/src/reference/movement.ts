import type { Kernel } from '../backend.js';
import { allocate } from '../dtype.js';
import { sizeOf, stridesOf } from '../shape.js';
import { forEachBroadcast } from './strided.js';
import { type TensorStorage, storage } from '../storage.js';

/** Reshape never copies: the result shares storage with its input. */
export const reshapeKernel: Kernel<'reshape'> = ([x], { shape }) => storage(x.data, shape);

export const permuteKernel: Kernel<'permute'> = ([x], { dims }) => {
  const inStrides = stridesOf(x.shape);
  const shape = dims.map((d) => x.shape[d]);
  // Reading x through permuted strides walks the output in row-major order.
  const readStrides = dims.map((d) => inStrides[d]);
  const out = allocate(x.dtype, x.data.length);
  stridedCopy(x.data, 0, readStrides, shape, out);
  return storage(out, shape);
};

/**
 * Copies the elements seen through (offset, strides, shape) of `src` into `out` in row-major
 * order or, with `scatter`, the row-major elements of `src` to those positions of `out`.
 */
function stridedCopy(src: ArrayLike<number>, offset: number, strides: readonly number[], shape: readonly number[], out: { [i: number]: number }, scatter = false): void {
  const ndim = shape.length;
  const total = sizeOf(shape);
  if (total === 0) return;
  if (ndim === 0) {
    if (scatter) out[offset] = src[0];
    else out[0] = src[offset];
    return;
  }
  const counter = new Array<number>(ndim).fill(0);
  const inner = shape[ndim - 1], innerStride = strides[ndim - 1];
  let pos = offset;
  for (let o = 0; o < total; o += inner) {
    if (scatter) for (let i = 0, p = pos; i < inner; i++, p += innerStride) out[p] = src[o + i];
    else for (let i = 0, p = pos; i < inner; i++, p += innerStride) out[o + i] = src[p];
    for (let d = ndim - 2; d >= 0; d--) {
      counter[d]++;
      pos += strides[d];
      if (counter[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
}

export const expandKernel: Kernel<'expand'> = ([x], { shape }) => {
  const out = allocate(x.dtype, sizeOf(shape));
  const src = x.data;
  forEachBroadcast(shape, [x.shape], (o, a, _b, _c, n, sa) => {
    for (let i = 0; i < n; i++, a += sa) out[o + i] = src[a];
  });
  return storage(out, shape);
};

export const sliceKernel: Kernel<'slice'> = ([x], { starts, ends, steps }) => {
  const strides = stridesOf(x.shape);
  const shape = starts.map((s, d) => Math.max(0, Math.ceil((ends[d] - s) / steps[d])));
  const offset = starts.reduce((acc, s, d) => acc + s * strides[d], 0);
  const out = allocate(x.dtype, sizeOf(shape));
  stridedCopy(x.data, offset, strides.map((s, d) => s * steps[d]), shape, out);
  return storage(out, shape);
};

export const sliceScatterKernel: Kernel<'sliceScatter'> = ([src], { starts, steps, shape }) => {
  const strides = stridesOf(shape);
  const offset = starts.reduce((acc, s, d) => acc + s * strides[d], 0);
  const out = allocate(src.dtype, sizeOf(shape));
  stridedCopy(src.data, offset, strides.map((s, d) => s * steps[d]), src.shape, out, true);
  return storage(out, shape);
};

export const concatKernel: Kernel<'concat'> = (inputs, { dim }) => {
  const shape = [...inputs[0].shape];
  shape[dim] = inputs.reduce((acc, t) => acc + t.shape[dim], 0);
  const outer = sizeOf(shape.slice(0, dim));
  const inner = sizeOf(shape.slice(dim + 1));
  const out = allocate(inputs[0].dtype, sizeOf(shape));
  const rowLength = shape[dim] * inner;
  let column = 0;
  for (const t of inputs) {
    const block = t.shape[dim] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * block, (o + 1) * block), o * rowLength + column);
    column += block;
  }
  return storage(out, shape);
};

export const indexSelectKernel: Kernel<'indexSelect'> = ([x, index], { dim }) => {
  const shape = [...x.shape];
  shape[dim] = index.data.length;
  const outer = sizeOf(x.shape.slice(0, dim));
  const inner = sizeOf(x.shape.slice(dim + 1));
  const n = x.shape[dim];
  const out = allocate(x.dtype, sizeOf(shape));
  const idx = index.data;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < idx.length; j++) {
      const from = (o * n + idx[j]) * inner;
      out.set(x.data.subarray(from, from + inner), (o * idx.length + j) * inner);
    }
  return storage(out, shape);
};

/** Visits every element of `index`, giving its flat position and the flat position it names in a tensor of `target` shape. */
function forEachIndexed(index: TensorStorage, target: readonly number[], dim: number, body: (at: number, into: number) => void): void {
  const targetStrides = stridesOf(target);
  const indexStrides = stridesOf(index.shape);
  const idx = index.data;
  for (let at = 0; at < idx.length; at++) {
    let into = 0, rest = at;
    for (let d = 0; d < index.shape.length; d++) {
      const coord = Math.floor(rest / indexStrides[d]);
      rest -= coord * indexStrides[d];
      into += (d === dim ? idx[at] : coord) * targetStrides[d];
    }
    body(at, into);
  }
}

export const gatherKernel: Kernel<'gather'> = ([x, index], { dim }) => {
  const out = allocate(x.dtype, index.data.length);
  const src = x.data;
  forEachIndexed(index, x.shape, dim, (at, from) => { out[at] = src[from]; });
  return storage(out, index.shape);
};

export const scatterAddKernel: Kernel<'scatterAdd'> = ([src, index], { dim, shape }) => {
  const out = allocate(src.dtype, sizeOf(shape));
  const values = src.data;
  forEachIndexed(index, shape, dim, (at, into) => { out[into] += values[at]; });
  return storage(out, shape);
};
