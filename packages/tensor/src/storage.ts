import { type DType, type TypedArray, dtypeOfArray } from './dtype.js';

/**
 * A tensor's storage as a kernel sees it: contiguous row-major elements, their shape and their
 * dtype. A `Tensor` is one (kernels receive tensors and read only these three fields), and a
 * kernel returns one, which the dispatch point wraps in a new `Tensor`: so no kernel needs the
 * `Tensor` class, and the reference kernels import nothing that imports them back.
 */
export interface TensorStorage {
  /**
   * The elements. With a `deviceBuffer`, this is where they are read back to host memory, and
   * only when something asks for the values (a getter on the backend's storage object): kernels
   * that recognise the buffer never touch it. Once read, the host copy is the truth (code may
   * write into it: initializers, `loadStateDict`, `clipGradNorm`), so the backend's storage then
   * drops its `deviceBuffer` and a later kernel uploads the host copy again.
   */
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Set by a backend that keeps the elements in its own memory (a GPU buffer); absent for host arrays. */
  readonly deviceBuffer?: DeviceBuffer;
}

/**
 * What a device-resident backend attaches to the storage it returns: its name, and whatever its
 * kernels need to find the buffer (the backend's own type extends this one). Opaque to the
 * rest of the library (docs/design.md, "A device-resident backend").
 */
export interface DeviceBuffer {
  readonly backend: string;
}

/** The storage of `data` in `shape` (its dtype read from the array type), as a kernel returns it. */
export function storage(data: TypedArray, shape: readonly number[]): TensorStorage {
  return { data, shape, dtype: dtypeOfArray(data) };
}
