import type { DType } from '@mlpkit/tensor';

/** The safetensors dtype codes mlpkit writes, by tensor dtype. */
export const safetensorsCodeOf: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

/** How each readable safetensors dtype lands in an mlpkit tensor: its byte size and target dtype. */
export const readableCodes: Record<string, { bytes: number; dtype: DType }> = {
  F32: { bytes: 4, dtype: 'float32' },
  F64: { bytes: 8, dtype: 'float64' },
  I32: { bytes: 4, dtype: 'int32' },
  // PyTorch saves integer buffers (BatchNorm's num_batches_tracked) as I64; small values fit int32.
  I64: { bytes: 8, dtype: 'int32' },
  BOOL: { bytes: 1, dtype: 'bool' },
  // U8 is read as int32 so that byte values above 1 survive (bool would clip them).
  U8: { bytes: 1, dtype: 'int32' },
};

/** Whether this machine stores numbers little-endian, as the format does (true nearly everywhere). */
export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
