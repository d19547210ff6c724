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

/** Allocates zero-filled storage of `size` elements for a dtype. */
export function allocate<D extends DType>(dtype: D, size: number): DTypeArray[D] {
  return new constructors[dtype](size) as DTypeArray[D];
}

/** The dtype whose storage is the given typed array. */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

export function isFloating(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The dtype two tensors combine to (bool < int32 < float32 < float64), as PyTorch promotes. */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}
