import { type DType, type TypedArray, allocate, checkDType, isFloating, toDType } from '../dtype.js';
import { MlpkitError, describe, formatShape } from '../errors.js';
import { type Generator, defaultGenerator } from '../random.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor, checkTensor } from '../tensor.js';
import { checkInteger, checkNumber, checkOptions } from './check-options.js';
import { type NumericTypedArray, convertTypedArray } from './from-typed-array.js';

/** Nested arrays of numbers or booleans, as `tensor` accepts them. */
export type NestedArray = number | boolean | readonly NestedArray[];

export interface CreationOptions {
  dtype?: DType;
}

export interface RandomOptions extends CreationOptions {
  generator?: Generator;
}

function dtypeOption(op: string, options: CreationOptions, allowed: readonly string[], fallback: DType): DType {
  checkOptions(op, options, allowed);
  const dtype = options.dtype ?? fallback;
  checkDType(op, dtype);
  return dtype;
}

/**
 * The deepest nesting `tensor` reads, as PyTorch's `torch.tensor` refuses "too many dimensions"
 * beyond 1000: reading deeper arrays recursively would overflow the stack.
 */
const MAX_NESTED_DIMS = 1000;

function inferNestedShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    if (shape.length === MAX_NESTED_DIMS)
      throw new MlpkitError('tensor', `nested arrays are more than ${MAX_NESTED_DIMS} deep: expected at most ${MAX_NESTED_DIMS} dims`);
    shape.push(level.length);
    level = level[0] as NestedArray;
  }
  return shape;
}

function flattenNested(data: unknown, shape: number[], dim: number, out: (number | boolean)[], path: string): void {
  if (dim === shape.length) {
    if (Array.isArray(data)) throw new MlpkitError('tensor', `nested arrays are ragged: expected a value at ${path || 'the top'}, got an array`);
    if (typeof data !== 'number' && typeof data !== 'boolean')
      throw new MlpkitError('tensor', `expected numbers or booleans, got ${describe(data)} at ${path || 'the top'}`);
    out.push(data);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[dim])
    throw new MlpkitError('tensor', `nested arrays are ragged: expected ${shape[dim]} entries at ${path || 'the top'}, got ${Array.isArray(data) ? data.length : describe(data)}`);
  data.forEach((item, i) => flattenNested(item, shape, dim + 1, out, `${path}[${i}]`));
}

/**
 * A tensor from nested arrays, a typed array (optionally with a shape), or a number.
 * Numbers default to float32 (JavaScript cannot tell 1 from 1.0), booleans to bool, and a
 * typed array keeps its dtype (other integer arrays become int32, value by value). Values are
 * always converted, never reinterpreted: a value the dtype cannot hold is refused.
 */
export function tensor(data: NestedArray | NumericTypedArray, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  checkOptions('tensor', options, ['dtype', 'shape']);
  if (options.dtype !== undefined) checkDType('tensor', options.dtype);
  if (options.shape !== undefined) checkShape('tensor', options.shape);
  if (ArrayBuffer.isView(data)) {
    const converted = convertTypedArray('tensor', data, options.shape, options.dtype);
    return new Tensor(converted.data, converted.shape);
  }
  const shape = inferNestedShape(data);
  const flat: (number | boolean)[] = [];
  flattenNested(data, shape, 0, flat, '');
  const dtype = options.dtype ?? (flat.length > 0 && flat.every((v) => typeof v === 'boolean') ? 'bool' : 'float32');
  const out = allocate(dtype, flat.length, 'tensor');
  flat.forEach((v, i) => { out[i] = toDType('tensor', dtype, Number(v)); });
  const target = options.shape ?? shape;
  if (sizeOf(target) !== out.length)
    throw new MlpkitError('tensor', `got ${out.length} values but shape ${formatShape(target)} needs ${sizeOf(target)}`);
  return new Tensor(out, target);
}

/**
 * Wraps a Float32Array, Float64Array, Int32Array or (0/1) Uint8Array without copying it;
 * use `tensor` to convert any other typed array.
 */
export function fromTypedArray(data: TypedArray, shape: readonly number[] = [data?.length]): Tensor {
  const out = new Tensor(data, shape);
  if (out.dtype === 'bool') {
    const bad = data.findIndex((v) => v > 1);
    if (bad >= 0) throw new MlpkitError('fromTypedArray', `a Uint8Array is bool storage and must hold 0 or 1, got ${data[bad]} at index ${bad} (use tensor(data, { dtype: 'int32' }) to keep the values)`);
  }
  return out;
}

/** A tensor of `shape` filled with `value` (refused when the dtype cannot hold it). */
export function full(shape: readonly number[], value: number, options: CreationOptions = {}): Tensor {
  checkShape('full', shape);
  if (typeof value !== 'boolean') checkNumber('full', 'value', value);
  const dtype = dtypeOption('full', options, ['dtype'], 'float32');
  const stored = toDType('full', dtype, Number(value));
  const data = allocate(dtype, sizeOf(shape), 'full');
  if (stored !== 0) data.fill(stored);
  return new Tensor(data, shape);
}

/** A tensor of zeros. */
export const zeros = (shape: readonly number[], options: CreationOptions = {}): Tensor => full(shape, 0, options);
/** A tensor of ones. */
export const ones = (shape: readonly number[], options: CreationOptions = {}): Tensor => full(shape, 1, options);
/** Zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Tensor): Tensor => { checkTensor('zerosLike', x); return full(x.shape, 0, { dtype: x.dtype }); };
/** Ones with the shape and dtype of `x`. */
export const onesLike = (x: Tensor): Tensor => { checkTensor('onesLike', x); return full(x.shape, 1, { dtype: x.dtype }); };
/** `value` with the shape and dtype of `x`. */
export const fullLike = (x: Tensor, value: number): Tensor => { checkTensor('fullLike', x); return full(x.shape, value, { dtype: x.dtype }); };

/** Values from `start` (inclusive) to `end` (exclusive) by `step`; `arange(n)` counts 0..n-1. */
export function arange(start: number, end?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  for (const [name, v] of [['start', lo], ['end', hi], ['step', step]] as const) {
    checkNumber('arange', name, v);
    if (!Number.isFinite(v)) throw new MlpkitError('arange', `expected a finite ${name}, got ${v}`);
  }
  if (step === 0) throw new MlpkitError('arange', 'step must not be 0');
  if ((hi - lo) * step < 0)
    throw new MlpkitError('arange', `step ${step} points away from end ${hi} (start ${lo}): expected a step with the sign of end − start`);
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const integral = [lo, hi, step].every(Number.isInteger);
  const dtype = dtypeOption('arange', options, ['dtype'], integral ? 'int32' : 'float32');
  const data = allocate(dtype, n, 'arange');
  for (let i = 0; i < n; i++) data[i] = toDType('arange', dtype, lo + i * step);
  return new Tensor(data, [n]);
}

/** `steps` evenly spaced values from `start` to `end`, both included. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  checkNumber('linspace', 'start', start);
  checkNumber('linspace', 'end', end);
  checkInteger('linspace', 'steps', steps, 0);
  const dtype = dtypeOption('linspace', options, ['dtype'], 'float32');
  const data = allocate(dtype, steps, 'linspace');
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = toDType('linspace', dtype, i === steps - 1 && steps > 1 ? end : start + i * delta);
  return new Tensor(data, [steps]);
}

/** The n×m identity (m defaults to n). */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  checkShape('eye', [n, m]);
  const dtype = dtypeOption('eye', options, ['dtype'], 'float32');
  const data = allocate(dtype, sizeOf([n, m]), 'eye');
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return new Tensor(data, [n, m]);
}

function sample(op: string, shape: readonly number[], options: RandomOptions, fallback: DType, draw: (g: Generator) => number): Tensor {
  checkShape(op, shape);
  const dtype = dtypeOption(op, options, ['dtype', 'generator'], fallback);
  const generator = options.generator ?? defaultGenerator();
  if (!(generator instanceof Object) || typeof generator.random !== 'function')
    throw new MlpkitError(op, `expected a Generator, got ${describe(generator)}`);
  const data = allocate(dtype, sizeOf(shape), op);
  for (let i = 0; i < data.length; i++) data[i] = draw(generator);
  return new Tensor(data, shape);
}

function floatSample(op: string, shape: readonly number[], options: RandomOptions, draw: (g: Generator) => number): Tensor {
  if (options?.dtype !== undefined && (typeof options.dtype !== 'string' || !isFloating(options.dtype as DType)))
    throw new MlpkitError(op, `expected a float dtype ('float32' or 'float64'), got ${describe(options.dtype)}`);
  return sample(op, shape, options, 'float32', draw);
}

/** Uniform samples in [0, 1). */
export const rand = (shape: readonly number[], options: RandomOptions = {}): Tensor => floatSample('rand', shape, options, (g) => g.random());
/** Standard normal samples. */
export const randn = (shape: readonly number[], options: RandomOptions = {}): Tensor => floatSample('randn', shape, options, (g) => g.normal());

/**
 * Uniform integers in [low, high), int32 by default. Both bounds must be integers the dtype
 * holds (high − 1 and low within int32 for int32, within ±2⁵³ for floats).
 */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  const dtype = options?.dtype ?? 'int32';
  const limit = dtype === 'int32' ? 2 ** 31 : dtype === 'bool' ? 2 : Number.MAX_SAFE_INTEGER;
  const lowest = dtype === 'int32' ? -(2 ** 31) : dtype === 'bool' ? 0 : -Number.MAX_SAFE_INTEGER;
  checkInteger('randint', 'low', low, lowest, limit - 1);
  checkInteger('randint', 'high', high, lowest + 1, limit);
  if (!(high > low)) throw new MlpkitError('randint', `expected low < high, got low ${low} and high ${high}`);
  return sample('randint', shape, { dtype: 'int32', ...options }, 'int32', (g) => g.integer(low, high));
}

/** A random permutation of 0..n-1 (Fisher–Yates), int32 by default. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  checkInteger('randperm', 'n', n, 0, 2 ** 31 - 1);
  const dtype = dtypeOption('randperm', options, ['dtype', 'generator'], 'int32');
  if (dtype === 'bool' || (dtype === 'float32' && n > 2 ** 24))
    throw new MlpkitError('randperm', `dtype ${dtype} cannot hold every index below ${n}`);
  const generator = options.generator ?? defaultGenerator();
  const data = allocate(dtype, n, 'randperm');
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = generator.integer(0, i + 1);
    const t = data[i]; data[i] = data[j]; data[j] = t;
  }
  return new Tensor(data, [n]);
}
