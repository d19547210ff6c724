import { getBackend } from '@mlpkit/tensor';
import type { FloatArray } from './param.js';

// A float32 buffer in the backend's own memory when it offers one (so its in-place updates
// reach the state where it lies), else an ordinary one.
function float32Buffer(values: Float32Array): Float32Array {
  return (getBackend().residentCopy?.(values) as Float32Array | null | undefined) ?? values;
}

/**
 * A zero-filled buffer of the same float type and length as `like`. State buffers share the
 * parameter's dtype, as PyTorch's `torch.zeros_like(param)` does, so a float32 parameter
 * keeps float32 moments and rounds where PyTorch rounds.
 */
export function zerosLike(like: FloatArray): FloatArray {
  return like instanceof Float64Array ? new Float64Array(like.length) : float32Buffer(new Float32Array(like.length));
}

/** A buffer like `like` filled with `value`. */
export function fullLike(like: FloatArray, value: number): FloatArray {
  return zerosLike(like).fill(value);
}

/** A copy of `source` in a buffer of `like`'s float type. */
export function copyLike(like: FloatArray, source: ArrayLike<number>): FloatArray {
  return like instanceof Float64Array ? Float64Array.from(source) : float32Buffer(Float32Array.from(source));
}
