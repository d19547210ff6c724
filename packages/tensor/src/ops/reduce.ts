import { run } from '../dispatch.js';
import { isFloating } from '../dtype.js';
import { MlpkitError, describe, formatShape } from '../errors.js';
import { normalizeDims } from '../shape.js';
import { type Tensor, checkTensor } from '../tensor.js';
import { checkBoolean, checkOptions } from './check-options.js';
import { cast } from './convert.js';
import { div, eq, exp, log, mul, sqrt, sub, where, add } from './elementwise.js';
import { gather } from './indexing.js';
import { squeeze } from './shape.js';

/** Dims to reduce over: one, several, or every dim when omitted or null. */
export type ReduceDims = number | readonly number[] | null | undefined;

/**
 * The checked dims of a reduction. Every reduction comes through here, so keepdim is checked
 * once: a truthy string such as 'yes' would otherwise quietly keep the dims.
 */
function reduceDims(op: string, x: Tensor, dim: ReduceDims, keepdim: unknown): number[] {
  checkTensor(op, x);
  checkBoolean(op, 'keepdim', keepdim);
  return normalizeDims(op, dim, x.ndim);
}

/** Sum over `dim` (all dims by default). */
export function sum(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('sum', [x], { dims: reduceDims('sum', x, dim, keepdim), keepdim });
}

function countOver(op: string, x: Tensor, dims: number[]): number {
  checkTensor(op, x);
  const n = dims.reduce((acc, d) => acc * x.shape[d], 1);
  if (!isFloating(x.dtype)) throw new MlpkitError(op, `expected a float tensor, got dtype ${x.dtype}`);
  return n;
}

/** Arithmetic mean over `dim` (all dims by default). */
export function mean(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  const dims = reduceDims('mean', x, dim, keepdim);
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
  return varianceAs('var', x, options);
}

/** `variance` with errors named after the public op that asked (`var` or `std`). */
function varianceAs(op: 'var' | 'std', x: Tensor, options: VarianceOptions): Tensor {
  checkTensor(op, x);
  checkOptions(op, options, ['dim', 'keepdim', 'unbiased', 'correction']);
  const keepdim = options.keepdim ?? false;
  const dims = reduceDims(op, x, options.dim, keepdim);
  if (options.unbiased !== undefined) checkBoolean(op, 'unbiased', options.unbiased);
  const n = countOver(op, x, dims);
  // PyTorch's signatures take one or the other; with both, one of them would be silently ignored.
  if (options.unbiased !== undefined && options.correction !== undefined)
    throw new MlpkitError(op, `expected unbiased or correction, not both; got unbiased ${options.unbiased} and correction ${options.correction}`);
  if (options.correction !== undefined && (typeof options.correction !== 'number' || !Number.isFinite(options.correction)))
    throw new MlpkitError(op, `expected correction to be a finite number, got ${options.correction}`);
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const centered = sub(x, mean(x, dims, true));
  return div(sum(mul(centered, centered), dims, keepdim), Math.max(0, n - correction));
}

/** Standard deviation over `dim`: the square root of `variance`. */
export function std(x: Tensor, options: VarianceOptions = {}): Tensor {
  return sqrt(varianceAs('std', x, options));
}

/** Largest value over `dim` (all by default); ties share the gradient evenly. */
export function amax(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('amax', [x], { dims: extremeDims('amax', x, dim, keepdim), keepdim });
}

/** Smallest value over `dim` (all by default); ties share the gradient evenly. */
export function amin(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  return run('amin', [x], { dims: extremeDims('amin', x, dim, keepdim), keepdim });
}

/**
 * The dims a max or min reduces over; like PyTorch, an empty tensor needs an explicit dim,
 * and a dim of size 0 has no extreme to return.
 */
function extremeDims(op: string, x: Tensor, dim: ReduceDims, keepdim: unknown): number[] {
  const dims = reduceDims(op, x, dim, keepdim);
  if ((dim === undefined || dim === null) && x.size === 0)
    throw new MlpkitError(op, `expected a reduction dim for an empty tensor (shape ${formatShape(x.shape)}), got none`);
  for (const d of dims)
    if (x.ndim > 0 && x.shape[d] === 0) throw new MlpkitError(op, `cannot reduce over dim ${d} of size 0 (shape ${formatShape(x.shape)})`);
  return dims;
}

function extremeIndexDim(op: 'argmax' | 'argmin', x: Tensor, dim: number | null | undefined, keepdim: unknown): number | null {
  return dim === undefined || dim === null ? (extremeDims(op, x, null, keepdim), null) : extremeDims(op, x, dim, keepdim)[0];
}

/** log(Σ exp(x)) over `dim`, shifted by the maximum so ±100 logits do not overflow. */
export function logsumexp(x: Tensor, dim?: ReduceDims, keepdim = false): Tensor {
  const dims = reduceDims('logsumexp', x, dim, keepdim);
  // An empty reduction has no peak: log Σ over nothing is log 0 = −∞, as in PyTorch.
  if (x.size === 0) return log(sum(exp(x), dims, keepdim));
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
  return run('argmax', [x], { dim: extremeIndexDim('argmax', x, dim, keepdim), keepdim });
}

/** Index of the smallest value over `dim` (over the flattened tensor when omitted); first index wins ties. */
export function argmin(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return run('argmin', [x], { dim: extremeIndexDim('argmin', x, dim, keepdim), keepdim });
}

/** The values and their indices from a max or min over one dim. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function extremeAlong(op: 'max' | 'min', x: Tensor, dim: number, keepdim: boolean): ValuesIndices {
  const [d] = extremeDims(op, x, dim, keepdim);
  if (typeof dim !== 'number') throw new MlpkitError(op, `expected an integer dim, got ${dim}`);
  const indices = op === 'max' ? argmax(x, d, true) : argmin(x, d, true);
  // Gathering sends the whole gradient to the returned index, as PyTorch does.
  const values = gather(x, d, indices);
  return keepdim ? { values, indices } : { values: squeeze(values, d), indices: squeeze(indices, d) };
}

/** max(x): the largest element. max(x, dim): `{values, indices}` along dim. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? (extremeDims('max', x, null, false), amax(x)) : extremeAlong('max', x, dim, keepdim);
}

/** min(x): the smallest element. min(x, dim): `{values, indices}` along dim. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? (extremeDims('min', x, null, false), amin(x)) : extremeAlong('min', x, dim, keepdim);
}

/** Number of true (non-zero) elements, as int32. */
export function countNonzero(x: Tensor, dim?: ReduceDims): Tensor {
  checkTensor('countNonzero', x);
  return sum(cast(x, 'bool'), dim);
}

// softmax and logSoftmax take exactly one integer dim, as PyTorch's do.
function oneDim(op: string, x: Tensor, dim: number): number {
  checkTensor(op, x);
  if (typeof dim !== 'number') throw new MlpkitError(op, `expected an integer dim, got ${describe(dim)}`);
  return normalizeDims(op, dim, x.ndim)[0];
}

/**
 * log softmax along `dim` as x − logsumexp(x): stable for ±100 logits (logsumexp shifts by
 * the maximum), and differentiable through its primitives.
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return sub(x, logsumexp(x, oneDim('logSoftmax', x, dim), true));
}

/** Softmax along `dim` (the last by default), as e^(log softmax) so no row overflows. */
export function softmax(x: Tensor, dim = -1): Tensor {
  return exp(logSoftmax(x, oneDim('softmax', x, dim)));
}
