import { getBackend } from './dispatch.js';
import type { TypedArray } from './dtype.js';

/**
 * TensorStorage for a long-lived tensor (a Parameter, a gradient kept across steps, optimizer state):
 * a copy of `values` in the active backend's own memory when it offers one (so its kernels
 * and in-place updates reach the data where it lies), else `values` itself. Either way a typed
 * array of the same type and values; the one way any package asks for such storage.
 *
 * @example
 * const weights = longLivedStorage(new Float32Array(784 * 512));
 */
export function longLivedStorage<T extends TypedArray>(values: T): T {
  return (getBackend().kernels.residentCopy?.(values) as T | null | undefined) ?? values;
}
