import { type DType, type TypedArray, allocate, toDType } from '../dtype.js';
import { MlpkitError, describe, formatShape } from '../errors.js';
import { sizeOf } from '../shape.js';
import { type TensorStorage, storage } from '../storage.js';

/** Every typed array `tensor` converts: mlpkit's own storage types and the narrower integer ones. */
export type NumericTypedArray = TypedArray | Int8Array | Int16Array | Uint16Array | Uint32Array | Uint8ClampedArray;

/** The dtype a typed array's values naturally take: its own storage type, int32 for narrower integers. */
function naturalDType(op: string, data: ArrayBufferView): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array || data instanceof Int16Array || data instanceof Int8Array || data instanceof Uint16Array || data instanceof Uint32Array || data instanceof Uint8ClampedArray)
    return 'int32';
  if (data instanceof Uint8Array) return 'bool';
  if (typeof Float16Array !== 'undefined' && data instanceof Float16Array) return 'float32';
  throw new MlpkitError(op, `expected a Float32Array, Float64Array, Int32Array, Uint8Array or another integer typed array, got ${describe(data)}`);
}

declare const Float16Array: { new (n: number): ArrayLike<number> } | undefined;

/**
 * New storage holding the values of any numeric typed array, converted value by value (never
 * reinterpreted): an Int16Array becomes int32, a Uint8Array bool only when it holds 0s and 1s.
 * A value the dtype cannot hold is refused, naming its position. `tensor` wraps it.
 */
export function convertTypedArray(op: string, data: ArrayBufferView, shape?: readonly number[], dtype?: DType): TensorStorage {
  const source = data as unknown as ArrayLike<number>;
  const natural = naturalDType(op, data);
  const target = dtype ?? natural;
  const outShape = shape ?? [source.length];
  if (sizeOf(outShape) !== source.length)
    throw new MlpkitError(op, `got ${source.length} values but shape ${formatShape(outShape)} needs ${sizeOf(outShape)}`);
  const out = allocate(target, source.length, op);
  if (target === 'bool' && dtype === undefined) {
    // A Uint8Array is mlpkit's bool storage; pixels 0..255 must not silently become "true".
    for (let i = 0; i < source.length; i++)
      if (source[i] > 1)
        throw new MlpkitError(op, `a Uint8Array without a dtype is read as bool and must hold only 0 and 1, got ${source[i]} at index ${i} (pass { dtype: 'int32' } or 'float32' to keep the values)`);
  }
  if (target === natural && !(data instanceof Uint32Array)) (out as TypedArray).set(source as TypedArray);
  else for (let i = 0; i < source.length; i++) out[i] = toDType(op, target, source[i]);
  return storage(out, outShape);
}
