import { MlpkitError, checkShape, describe, formatShape } from '@mlpkit/tensor';
import { IDX_TYPES, type IdxArray, type IdxDType } from './idx.js';

/** The type byte IDX uses for each element type (for writing files). */
export const IDX_TYPE_BYTE: Readonly<Record<IdxDType, number>> = Object.freeze({
  uint8: 0x08, int8: 0x09, int16: 0x0b, int32: 0x0c, float32: 0x0d, float64: 0x0e,
});

/** The integers each integer element type holds; DataView's setters would wrap anything else (300 as uint8 is 44). */
const INTEGER_RANGES: Partial<Record<IdxDType, readonly [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
};

const OP = 'encodeIdx';

/** Throws unless `value` is something `dtype` stores as it is: no wrapping, truncation or overflow to infinity. */
function checkValue(dtype: IdxDType, value: unknown, i: number): asserts value is number {
  if (typeof value !== 'number') throw new MlpkitError(OP, `data[${i}] is ${describe(value)}: expected numbers`);
  const range = INTEGER_RANGES[dtype];
  if (range && !(Number.isInteger(value) && value >= range[0] && value <= range[1]))
    throw new MlpkitError(OP, `data[${i}] is ${value}, which ${dtype} cannot hold: expected an integer in ${range[0]}..${range[1]}`);
  if (dtype === 'float32' && Number.isFinite(value) && !Number.isFinite(Math.fround(value)))
    throw new MlpkitError(OP, `data[${i}] is ${value}, beyond the largest float32 (about 3.4e38)`);
}

/** Throws unless `shape` is one an IDX header can say: 1 to 255 dims, each a uint32. */
function checkIdxShape(shape: unknown): asserts shape is number[] {
  checkShape(OP, shape);
  if (shape.length < 1 || shape.length > 255)
    throw new MlpkitError(OP, `an IDX file has 1 to 255 dimensions, got ${shape.length}`);
  const big = shape.findIndex((d) => d > 0xffffffff);
  if (big >= 0) throw new MlpkitError(OP, `dim ${big} of ${formatShape(shape)} is ${shape[big]}, more than the 4294967295 an IDX header holds`);
}

/**
 * Encodes an array as IDX bytes (big-endian), the inverse of `parseIdx`. Refuses what the file
 * could not say faithfully: an unknown dtype, a shape with fractional, negative or too many
 * dims, or a value the dtype cannot hold (300 as uint8, 1.5 as int32).
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  if (array === null || typeof array !== 'object') throw new MlpkitError(OP, `expected { dtype, shape, data }, got ${describe(array)}`);
  const { dtype, shape, data } = array;
  if (typeof dtype !== 'string' || !Object.hasOwn(IDX_TYPE_BYTE, dtype))
    throw new MlpkitError(OP, `expected dtype ${Object.keys(IDX_TYPE_BYTE).map((k) => `'${k}'`).join(', ')}, got ${describe(dtype)}`);
  checkIdxShape(shape);
  if (!Array.isArray(data) && !(ArrayBuffer.isView(data) && !(data instanceof DataView)))
    throw new MlpkitError(OP, `expected data to be a typed array or an array of numbers, got ${describe(data)}`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count)
    throw new MlpkitError(OP, `data has ${data.length} values but shape ${formatShape(shape)} needs ${count}`);
  const width = IDX_TYPES[IDX_TYPE_BYTE[dtype]].bytes;
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + count * width);
  const view = new DataView(out.buffer);
  out[2] = IDX_TYPE_BYTE[dtype];
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) {
    const at = header + i * width, v: unknown = data[i];
    checkValue(dtype, v, i);
    if (dtype === 'uint8') view.setUint8(at, v);
    else if (dtype === 'int8') view.setInt8(at, v);
    else if (dtype === 'int16') view.setInt16(at, v, false);
    else if (dtype === 'int32') view.setInt32(at, v, false);
    else if (dtype === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return out;
}
