import { MlpkitError } from './errors.js';
import { recycleFloat32 } from './recycled-float32.js';
import { type Tensor, releaseElements } from './tensor.js';

/**
 * Ends `tensor`'s use of its memory: a float32 array that is whole and large enough goes back
 * to the allocator for the next output of its size (`recycleFloat32`), and reading the tensor's
 * elements from then on throws an error that names `op` and says `why`, whether or not its
 * memory could be kept, so that code reading a released tensor fails the same way every time
 * instead of seeing whatever was written there next. For the owner of a tensor that nothing
 * else can reach, such as autograd's walker once a graph no longer needs an intermediate.
 * Returns whether the memory was kept for reuse.
 */
export function releaseMemory(tensor: Tensor, op: string, why: string): boolean {
  const data = tensor.deviceBuffer ? null : tensor.data;
  tensor[releaseElements](() => {
    throw new MlpkitError(op, `this tensor's memory was released: ${why}`);
  });
  return data instanceof Float32Array && recycleFloat32(data);
}
