import { customOp } from '@mlpkit/autograd';
import { type Tensor, fusedReluBackward, gt, maximum, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { asFloat, constant } from './elementwise.js';

/**
 * The rectified linear unit max(0, x), with relu'(x) = 1 for x > 0 and 0 otherwise
 * (PyTorch's relu'(0) = 0). NaN passes through, as in torch.relu.
 *
 * @example relu(tensor([1, 5, -4, 3, -2])) // [1, 5, 0, 3, 0]
 */
export function relu(x: Tensor): Tensor {
  const input = asFloat(x, 'relu');
  // The hottest activation gets a kernel each way instead of the generic grad · f'(x):
  // y > 0 exactly where x > 0, so the backward selects the gradient through the output (in
  // one pass where the backend has a fused kernel for it).
  return customOp('relu', [input],
    () => maximum(input, constant(input, 0)),
    (grad, y) => [fusedReluBackward(grad, y) ?? where(gt(y, 0), grad, constant(grad, 0))], { pure: true });
}

/** {@link relu} as a layer. */
export class ReLU implements Activation {
  forward(x: Tensor): Tensor { return relu(x); }
  toString(): string { return 'ReLU()'; }
}
