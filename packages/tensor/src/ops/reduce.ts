import { run } from '../dispatch.js';
import { isFloating } from '../dtype.js';
import { MlpkitError, formatShape } from '../errors.js';
import { normalizeDim, normalizeDims } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast } from './convert.js';
import { div, eq, exp, log, mul, sqrt, sub, where, add } from './elementwise.js';
import { gather } from './indexing.js';
import { squeeze } from './shape.js';

/** Dims to reduce over: one, several, or every dim when omitted or null. */
export type ReduceDims = number | readonly number[] | null | undefined;

/** Sum over `dim` (all dims by default). */
export function sum(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('sum', [x], { dims: normalizeDims('sum', dim, x.ndim), keepdim });
}

function countOver(op: string, x: Tensor, dims: number[]): number {
  const n = dims.reduce((acc, d) => acc * x.shape[d], 1);
  if (!isFloating(x.dtype)) throw new MlpkitError(op, `expected a float tensor, got dtype ${x.dtype}`);
  return n;
}

/** Arithmetic mean over `dim` (all dims by default). */
export function mean(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  const dims = normalizeDims('mean', dim, x.ndim);
  return div(sum(x, dims, keepdim), countOver('mean', x, dims));
}

/** Options of `variance` and `std`: PyTorch's `unbiased` (default true) or an explicit `correction`. */
export interface VarianceOptions {
  dim?: ReduceDims;
  keepdim?: boolean;
  unbiased?: boolean;
  correction?: number;
}

/** Variance over `dim`, dividing by N − correction (Bessel's correction by default). */
export function variance(x: Tensor, options: VarianceOptions = {}): Tensor {
  const dims = normalizeDims('var', options.dim, x.ndim);
  const n = countOver('var', x, dims);
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const centered = sub(x, mean(x, dims, true));
  return div(sum(mul(centered, centered), dims, options.keepdim ?? false), Math.max(0, n - correction));
}

/** Standard deviation over `dim`: the square root of `variance`. */
export function std(x: Tensor, options: VarianceOptions = {}): Tensor {
  return sqrt(variance(x, options));
}

/** Largest value over `dim` (all by default); ties share the gradient evenly. */
export function amax(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('amax', [x], { dims: normalizeDims('amax', dim, x.ndim), keepdim });
}

/** Smallest value over `dim` (all by default); ties share the gradient evenly. */
export function amin(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('amin', [x], { dims: normalizeDims('amin', dim, x.ndim), keepdim });
}

/** log(Σ exp(x)) over `dim`, shifted by the maximum so ±100 logits do not overflow. */
export function logsumexp(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  const dims = normalizeDims('logsumexp', dim, x.ndim);
  const peak = amax(x, dims, true).detach();
  const shift = where(eq(mul(peak, 0), 0), peak, 0); // ±inf or NaN peaks shift by 0
  const out = add(log(sum(exp(sub(x, shift)), dims, true)), shift);
  return keepdim ? out : squeezeDims(out, dims);
}

function squeezeDims(x: Tensor, dims: number[]): Tensor {
  let out = x;
  for (let i = dims.length - 1; i >= 0; i--) out = squeeze(out, dims[i]);
  return out;
}

/** Index of the largest value over `dim` (over the flattened tensor when omitted); first index wins ties. */
export function argmax(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return run('argmax', [x], { dim: dim === undefined || dim === null ? null : normalizeDim('argmax', dim, x.ndim), keepdim });
}

/** Index of the smallest value over `dim` (over the flattened tensor when omitted); first index wins ties. */
export function argmin(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return run('argmin', [x], { dim: dim === undefined || dim === null ? null : normalizeDim('argmin', dim, x.ndim), keepdim });
}

/** The values and their indices from a max or min over one dim. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function extremeAlong(op: 'max' | 'min', x: Tensor, dim: number, keepdim: boolean): ValuesIndices {
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim > 0 && x.shape[d] === 0) throw new MlpkitError(op, `cannot reduce over an empty dim ${d} of shape ${formatShape(x.shape)}`);
  const indices = op === 'max' ? argmax(x, d, true) : argmin(x, d, true);
  // Gathering sends the whole gradient to the returned index, as PyTorch does.
  const values = gather(x, d, indices);
  return keepdim ? { values, indices } : { values: squeeze(values, d), indices: squeeze(indices, d) };
}

/** max(x): the largest element. max(x, dim): `{values, indices}` along dim. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? amax(x) : extremeAlong('max', x, dim, keepdim);
}

/** min(x): the smallest element. min(x, dim): `{values, indices}` along dim. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? amin(x) : extremeAlong('min', x, dim, keepdim);
}

/** Number of true (non-zero) elements, as int32. */
export function countNonzero(x: Tensor, dim?: ReduceDims): Tensor {
  return sum(cast(x, 'bool'), dim);
}

