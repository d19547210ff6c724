import { type Tensor, reshape, shapesEqual, sum } from '@mlpkit/tensor';

/** Sums a broadcast gradient back to the shape of the input it flowed from. */
export function sumTo(grad: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < grad.ndim; i++) if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i);
  return reshape(sum(grad, dims, true), shape);
}
