import { type Backend, Tensor, type TypedArray, shapesEqual } from '@mlpkit/tensor';

// Gradient arrays this package moved into a backend's own memory, and the weights it did so
// for: each weight is moved once, so a gradient that something else later replaces (a second
// use of the weight, a user's assignment) is never copied again, and memory stays bounded.
const movedArrays = new WeakSet<TypedArray>();
const movedWeights = new WeakSet<Tensor>();

/**
 * Where a layer's backward may add dW in place: the weight's existing gradient, when the weight
 * is a leaf whose float32 `grad` the backend's kernels can write where it lies. The first time,
 * the gradient is moved there (`residentCopy`, values kept). A gradient exists at backward time
 * when the optimizer zeroed it in place (`zeroGrad(false)`, PyTorch's `set_to_none=False`) or
 * when gradients accumulate over several backward passes; with the default `zeroGrad()` there
 * is none, and dW is returned as a fresh tensor. Adding in place is what PyTorch does to an
 * existing `.grad` too: a reference to it sees the new values. Two differences: the move puts
 * a new tensor in `weight.grad`, so a reference taken before it keeps the old array; and the
 * moved array is a view of shared memory, which `structuredClone` shares rather than copies.
 */
export function gradStorageFor(weight: Tensor, backend: Backend): TypedArray | undefined {
  const grad = weight.grad;
  if (!grad || weight.gradNode || grad.dtype !== 'float32' || !shapesEqual(grad.shape, weight.shape)) return undefined;
  if (movedArrays.has(grad.data)) return grad.data;
  if (movedWeights.has(weight) || !backend.residentCopy) return undefined;
  movedWeights.add(weight);
  const moved = backend.residentCopy(grad.data);
  if (!moved) return undefined;
  movedArrays.add(moved);
  weight.grad = new Tensor(moved, grad.shape);
  return moved;
}
