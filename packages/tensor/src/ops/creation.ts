import { type DType, type TypedArray, allocate, dtypeOfArray } from '../dtype.js';
import { MlpkitError, formatShape } from '../errors.js';
import { type Generator, defaultGenerator } from '../random.js';
import { sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

/** Nested arrays of numbers or booleans, as `tensor` accepts them. */
export type NestedArray = number | boolean | readonly NestedArray[];

export interface CreationOptions {
  dtype?: DType;
}

export interface RandomOptions extends CreationOptions {
  generator?: Generator;
}

function inferNestedShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0] as NestedArray;
  }
  return shape;
}

function flattenNested(data: NestedArray, shape: number[], dim: number, out: (number | boolean)[]): void {
  if (dim === shape.length) {
    if (Array.isArray(data)) throw new MlpkitError('tensor', `nested arrays are ragged: expected a value at depth ${dim}`);
    out.push(data as number | boolean);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[dim])
    throw new MlpkitError('tensor', `nested arrays are ragged: expected ${shape[dim]} entries at depth ${dim}, got ${Array.isArray(data) ? data.length : 'a value'}`);
  for (const item of data) flattenNested(item, shape, dim + 1, out);
}

/**
 * A tensor from nested arrays, a typed array (optionally with a shape), or a number.
 * Numbers default to float32 (JavaScript cannot tell 1 from 1.0), booleans to bool, and a
 * typed array keeps its dtype.
 */
export function tensor(data: NestedArray | TypedArray, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  if (ArrayBuffer.isView(data)) {
    const typed = data as TypedArray;
    const shape = options.shape ?? [typed.length];
    const dtype = options.dtype ?? dtypeOfArray(typed);
    const out = allocate(dtype, typed.length);
    out.set(typed);
    return new Tensor(out, shape);
  }
  const shape = inferNestedShape(data);
  const flat: (number | boolean)[] = [];
  flattenNested(data, shape, 0, flat);
  const dtype = options.dtype ?? (typeof flat[0] === 'boolean' ? 'bool' : 'float32');
  const out = allocate(dtype, flat.length);
  flat.forEach((v, i) => { out[i] = Number(v); });
  return new Tensor(out, options.shape ?? shape);
}

/** Wraps a typed array without copying it. */
export function fromTypedArray(data: TypedArray, shape: readonly number[] = [data.length]): Tensor {
  return new Tensor(data, shape);
}

function checkShape(op: string, shape: readonly number[]): void {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new MlpkitError(op, `expected non-negative integer dims, got ${formatShape(shape)}`);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options: CreationOptions = {}): Tensor {
  checkShape('full', shape);
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape);
}

/** A tensor of zeros. */
export const zeros = (shape: readonly number[], options: CreationOptions = {}): Tensor => full(shape, 0, options);
/** A tensor of ones. */
export const ones = (shape: readonly number[], options: CreationOptions = {}): Tensor => full(shape, 1, options);
/** Zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Tensor): Tensor => full(x.shape, 0, { dtype: x.dtype });
/** Ones with the shape and dtype of `x`. */
export const onesLike = (x: Tensor): Tensor => full(x.shape, 1, { dtype: x.dtype });
/** `value` with the shape and dtype of `x`. */
export const fullLike = (x: Tensor, value: number): Tensor => full(x.shape, value, { dtype: x.dtype });

/** Values from `start` (inclusive) to `end` (exclusive) by `step`; `arange(n)` counts 0..n-1. */
export function arange(start: number, end?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0) throw new MlpkitError('arange', 'step must not be 0');
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const integral = [lo, hi, step].every(Number.isInteger);
  const data = allocate(options.dtype ?? (integral ? 'int32' : 'float32'), n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return new Tensor(data, [n]);
}

/** `steps` evenly spaced values from `start` to `end`, both included. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new MlpkitError('linspace', `steps must be a non-negative integer, got ${steps}`);
  const data = allocate(options.dtype ?? 'float32', steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return new Tensor(data, [steps]);
}

/** The n×m identity (m defaults to n). */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  checkShape('eye', [n, m]);
  const data = allocate(options.dtype ?? 'float32', n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return new Tensor(data, [n, m]);
}

function sample(op: string, shape: readonly number[], options: RandomOptions, draw: (g: Generator) => number): Tensor {
  checkShape(op, shape);
  const generator = options.generator ?? defaultGenerator();
  const data = allocate(options.dtype ?? 'float32', sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw(generator);
  return new Tensor(data, shape);
}

/** Uniform samples in [0, 1). */
export const rand = (shape: readonly number[], options: RandomOptions = {}): Tensor => sample('rand', shape, options, (g) => g.random());
/** Standard normal samples. */
export const randn = (shape: readonly number[], options: RandomOptions = {}): Tensor => sample('randn', shape, options, (g) => g.normal());

/** Uniform integers in [low, high), int32 by default. */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!(high > low)) throw new MlpkitError('randint', `expected low < high, got low ${low} and high ${high}`);
  return sample('randint', shape, { dtype: 'int32', ...options }, (g) => g.integer(low, high));
}

/** A random permutation of 0..n-1 (Fisher–Yates), as int32. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  checkShape('randperm', [n]);
  const generator = options.generator ?? defaultGenerator();
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = generator.integer(0, i + 1);
    const t = data[i]; data[i] = data[j]; data[j] = t;
  }
  return new Tensor(data, [n]);
}
