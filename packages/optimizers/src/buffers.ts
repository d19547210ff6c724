import { longLivedStorage } from '@mlpkit/tensor';
import type { FloatArray } from './param.js';

/**
 * A zero-filled buffer of the same float type and length as `like`. State buffers share the
 * parameter's dtype, as PyTorch's `torch.zeros_like(param)` does, so a float32 parameter
 * keeps float32 moments and rounds where PyTorch rounds. float32 state is long-lived storage, so a
 * backend's in-place updates reach it where it lies.
 */
export function zerosLike(like: FloatArray): FloatArray {
  return like instanceof Float64Array ? new Float64Array(like.length) : longLivedStorage(new Float32Array(like.length));
}

/** A buffer like `like` filled with `value`. */
export function fullLike(like: FloatArray, value: number): FloatArray {
  return zerosLike(like).fill(value);
}

/** A copy of `source` in a buffer of `like`'s float type. */
export function copyLike(like: FloatArray, source: ArrayLike<number>): FloatArray {
  return like instanceof Float64Array ? Float64Array.from(source) : longLivedStorage(Float32Array.from(source));
}
