import type { DType } from '@mlpkit/tensor';

/** The safetensors dtype codes mlpkit writes, by tensor dtype. */
export const safetensorsCodeOf: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

/**
 * How each readable safetensors dtype lands in an mlpkit tensor: its byte size and target
 * dtype. Every conversion is lossless: F16 and BF16 values are all exactly representable in
 * float32, I64 values are refused unless they fit int32, U8 widens to int32.
 */
export const readableCodes: Record<string, { bytes: number; dtype: DType }> = {
  F32: { bytes: 4, dtype: 'float32' },
  F64: { bytes: 8, dtype: 'float64' },
  // Half precision, as PyTorch's model.half() and bfloat16 training save them.
  F16: { bytes: 2, dtype: 'float32' },
  BF16: { bytes: 2, dtype: 'float32' },
  I32: { bytes: 4, dtype: 'int32' },
  // PyTorch saves integer buffers (BatchNorm's num_batches_tracked) as I64; small values fit int32.
  I64: { bytes: 8, dtype: 'int32' },
  BOOL: { bytes: 1, dtype: 'bool' },
  // U8 is read as int32 so that byte values above 1 survive (bool would clip them).
  U8: { bytes: 1, dtype: 'int32' },
};

/** Whether this machine stores numbers little-endian, as the format does (true nearly everywhere). */
export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The value of an IEEE 754 half-precision number given by its 16 bits. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Fills `out` from little-endian 16-bit floats (F16 or BF16). A bfloat16 is the top half of a
 * float32, so its bits are shifted into place rather than computed.
 */
export function decodeHalf(src: Uint8Array, out: Float32Array, code: 'F16' | 'BF16'): void {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  if (code === 'F16') {
    for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
    return;
  }
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < out.length; i++) bits[i] = view.getUint16(i * 2, true) << 16 >>> 0;
}
