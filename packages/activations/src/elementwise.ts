import { customOp } from '@mlpkit/autograd';
import { type Tensor, cast, checkTensor, isFloating, mul, scalar } from '@mlpkit/tensor';

/**
 * The input as a float tensor: float32 and float64 stay as they are (so float64 gradient
 * checks stay float64), integers and bools become float32 as PyTorch's float activations do.
 */
export function asFloat(x: Tensor, op: string): Tensor {
  checkTensor(op, x);
  return isFloating(x.dtype) ? x : cast(x, 'float32');
}

/** A 0-d constant in `x`'s dtype, so that float64 inputs never meet float32-rounded constants. */
export function constant(x: Tensor, value: number): Tensor {
  return scalar(value, x.dtype);
}

/**
 * Defines an elementwise activation by its f and its f', as the courses derive them: the
 * forward is `f(x)` and the backward is `grad · f'(x, f(x))`. `derivative` gets the output
 * too, because several derivatives are cheapest in terms of it (σ' = σ(1 − σ)).
 */
export function elementwise(
  name: string,
  x: Tensor,
  f: (x: Tensor) => Tensor,
  derivative: (x: Tensor, y: Tensor) => Tensor,
): Tensor {
  const input = asFloat(x, name);
  return customOp(name, [input], () => f(input), (grad, y) => [mul(grad, derivative(input, y))]);
}
