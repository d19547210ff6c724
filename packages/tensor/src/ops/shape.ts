import { run } from '../dispatch.js';
import { checkAllocation } from '../dtype.js';
import { MlpkitError, describe, formatShape } from '../errors.js';
import { broadcastShapes, inferShape, normalizeDim, shapesEqual, sizeOf } from '../shape.js';
import { type Tensor, checkTensor } from '../tensor.js';

/** The same elements in a new shape (one dim may be -1). Never copies. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', x);
  const target = inferShape('reshape', x.shape, shape);
  return shapesEqual(target, x.shape) ? x : run('reshape', [x], { shape: target });
}

/** Merges dims `startDim..endDim` into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor('flatten', x);
  // A 0-d tensor counts as one dim here, as in PyTorch: dims 0 and -1 name it, 1 is out of range.
  const s = normalizeDim('flatten', startDim, Math.max(x.ndim, 1));
  const e = normalizeDim('flatten', endDim, Math.max(x.ndim, 1));
  if (x.ndim === 0) return reshape(x, [1]);
  if (s > e) throw new MlpkitError('flatten', `startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((a, d) => a * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Inserts a dim of size 1 at `dim`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', x);
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Removes dim `dim` if it has size 1, or every size-1 dim when omitted. */
export function squeeze(x: Tensor, dim?: number): Tensor {
  checkTensor('squeeze', x);
  if (dim === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const d = normalizeDim('squeeze', dim, x.ndim);
  if (x.ndim === 0 || x.shape[d] !== 1) return x;
  return reshape(x, [...x.shape.slice(0, d), ...x.shape.slice(d + 1)]);
}

/** Reorders the dims: output dim i is input dim `dims[i]`. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  checkTensor('permute', x);
  if (!Array.isArray(dims)) throw new MlpkitError('permute', `expected an array of dims, got ${describe(dims)}`);
  if (dims.length !== x.ndim)
    throw new MlpkitError('permute', `expected ${x.ndim} dims for a tensor of shape ${formatShape(x.shape)}, got ${formatShape(dims)}`);
  const normalized = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(normalized).size !== normalized.length) throw new MlpkitError('permute', `dims ${formatShape(dims)} repeat a dim`);
  if (normalized.every((d, i) => d === i)) return x;
  return run('permute', [x], { dims: normalized });
}

/** Swaps two dims. */
export function transpose(x: Tensor, dim0 = 0, dim1 = 1): Tensor {
  checkTensor('transpose', x);
  if (x.ndim < 2 && dim0 === 0 && dim1 === 1) return x;
  const dims = Array.from({ length: x.ndim }, (_, i) => i);
  const a = normalizeDim('transpose', dim0, x.ndim), b = normalizeDim('transpose', dim1, x.ndim);
  [dims[a], dims[b]] = [dims[b], dims[a]];
  return permute(x, dims);
}

/** Repeats size-1 dims (and prepends dims) to reach `shape`; -1 keeps a dim. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('expand', x);
  if (!Array.isArray(shape)) throw new MlpkitError('expand', `expected a shape, got ${describe(shape)}`);
  for (const d of shape)
    if (typeof d !== 'number' || !Number.isInteger(d) || d < -1)
      throw new MlpkitError('expand', `expected integer sizes >= 0 (or -1 to keep a dim), got ${typeof d === 'number' ? d : describe(d)} in ${formatShape(shape)}`);
  const offset = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= offset ? x.shape[i - offset] : d));
  if (target.includes(-1)) throw new MlpkitError('expand', `-1 is not allowed in a new leading dim, got ${formatShape(shape)} for shape ${formatShape(x.shape)}`);
  if (offset < 0 || !shapesEqual(broadcastShapes('expand', x.shape, target), target))
    throw new MlpkitError('expand', `cannot expand shape ${formatShape(x.shape)} to ${formatShape(shape)}`);
  checkAllocation('expand', x.dtype, sizeOf(target));
  return shapesEqual(target, x.shape) ? x : run('expand', [x], { shape: target });
}

/** `expand` under NumPy's name. */
export const broadcastTo = expand;
