import { type DType, type TypedArray, dtypeOfArray } from './dtype.js';

/**
 * A tensor's storage as a kernel sees it: contiguous row-major elements, their shape and their
 * dtype. A `Tensor` is one (kernels receive tensors and read only these three fields), and a
 * kernel returns one, which the dispatch point wraps in a new `Tensor`: so no kernel needs the
 * `Tensor` class, and the reference kernels import nothing that imports them back.
 */
export interface TensorStorage {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** The storage of `data` in `shape` (its dtype read from the array type), as a kernel returns it. */
export function storage(data: TypedArray, shape: readonly number[]): TensorStorage {
  return { data, shape, dtype: dtypeOfArray(data) };
}
