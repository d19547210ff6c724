import { MlpkitError, describe } from './errors.js';

/** The element types a tensor can hold. float32 is the default, as in PyTorch. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array behind each dtype (bool is stored as one byte per element). */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Maps a dtype to the typed-array type that stores it. */
export interface DTypeArray {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

const constructors = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** Every dtype name, in promotion order. */
export const dtypes: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

/**
 * The largest storage one tensor may take: 4 GiB, what 32-bit WebAssembly can address and
 * what browsers let one ArrayBuffer hold. Larger requests are mistakes (a class count of
 * 2³¹, a broadcast of two long vectors) that would otherwise reserve gigabytes unchecked.
 */
export const maxTensorBytes = 2 ** 32;

/** Throws unless `dtype` is one of the four dtypes, naming the op. */
export function checkDType(op: string, dtype: unknown): asserts dtype is DType {
  if (typeof dtype !== 'string' || !(dtype in constructors))
    throw new MlpkitError(op, `expected dtype 'float32', 'float64', 'int32' or 'bool', got ${describe(dtype)}`);
}

/** Throws unless `size` elements of `dtype` are a valid, allocatable count. */
export function checkAllocation(op: string, dtype: DType, size: number): void {
  // Integers beyond 2⁵³ are still counts (an empty tensor's other dims multiplied): the byte bound refuses them.
  if (!Number.isInteger(size) || size < 0)
    throw new MlpkitError(op, `expected a non-negative integer element count, got ${size}`);
  const bytes = size * constructors[dtype].BYTES_PER_ELEMENT;
  if (bytes > maxTensorBytes)
    throw new MlpkitError(op, `a ${dtype} tensor of ${size} elements needs ${formatBytes(bytes)}, more than the ${formatBytes(maxTensorBytes)} one tensor may hold`);
}

/** Allocates zero-filled storage of `size` elements for a dtype; `op` names the caller in errors. */
export function allocate<D extends DType>(dtype: D, size: number, op = 'allocate'): DTypeArray[D] {
  checkAllocation(op, dtype, size);
  try {
    return new constructors[dtype](size) as DTypeArray[D];
  } catch (error) {
    // The engine's own limit or an out-of-memory condition: still a named, explained error.
    throw new MlpkitError(op, `cannot allocate ${size} ${dtype} elements (${formatBytes(size * constructors[dtype].BYTES_PER_ELEMENT)}): ${(error as Error).message}`);
  }
}

/** The dtype whose storage is the given typed array; other typed arrays are refused. */
export function dtypeOfArray(data: TypedArray, op = 'Tensor'): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array && !(data instanceof Uint8ClampedArray)) return 'bool';
  throw new MlpkitError(op, `expected storage in a Float32Array, Float64Array, Int32Array or Uint8Array (bool), got ${describe(data)}`);
}

/** Whether a dtype holds floating-point values. */
export function isFloating(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The dtype two tensors combine to (bool < int32 < float32 < float64), as PyTorch promotes. */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}

/**
 * `value` as `dtype` stores it, converted as PyTorch converts a Python number: any non-zero
 * (NaN included) is true for bool, fractions truncate toward zero for int32, and a value
 * int32 cannot hold (NaN, ±Infinity, beyond ±2³¹) is refused instead of wrapping around.
 */
export function toDType(op: string, dtype: DType, value: number): number {
  if (dtype === 'bool') return value !== 0 ? 1 : 0;
  if (dtype !== 'int32') return value;
  const truncated = Math.trunc(value);
  if (!(truncated >= -2147483648 && truncated <= 2147483647))
    throw new MlpkitError(op, `value ${value} cannot be converted to int32 without overflow (int32 holds -2147483648..2147483647)`);
  return truncated;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
