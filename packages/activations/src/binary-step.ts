import { type Tensor, ge, where, zerosLike } from '@mlpkit/tensor';
import { customOp } from '@mlpkit/autograd';
import type { Activation } from './activation.js';
import { asFloat, constant } from './elementwise.js';

/**
 * The binary step (Heaviside) function: 1 for x ≥ 0 and 0 otherwise, as floats. Its
 * derivative is 0 wherever it exists, so its gradient is zero everywhere: a network built
 * on it cannot learn by backpropagation, which is why the courses replace it by sigmoid.
 */
export function binaryStep(x: Tensor): Tensor {
  const input = asFloat(x, 'binaryStep');
  return customOp('binaryStep', [input],
    () => where(ge(input, 0), constant(input, 1), constant(input, 0)),
    (grad) => [zerosLike(grad)]);
}

/** {@link binaryStep} as a layer. */
export class BinaryStep implements Activation {
  forward(x: Tensor): Tensor { return binaryStep(x); }
  toString(): string { return 'BinaryStep()'; }
}
