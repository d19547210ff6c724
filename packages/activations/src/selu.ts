import type { Tensor } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { exponentialLinear } from './elu.js';

/** SELU's α, chosen (with {@link SELU_SCALE}) so activations keep zero mean and unit variance. */
export const SELU_ALPHA = 1.6732632423543772;
/** SELU's λ. */
export const SELU_SCALE = 1.0507009873554805;

/**
 * The scaled exponential linear unit λ·elu(x, α) with the fixed λ ≈ 1.0507 and α ≈ 1.6733,
 * with derivative λ for x > 0 and λα·eˣ otherwise (the negative side at 0).
 */
export function selu(x: Tensor): Tensor {
  return exponentialLinear('selu', x, SELU_ALPHA, SELU_SCALE, 1);
}

/** {@link selu} as a layer. */
export class SELU implements Activation {
  forward(x: Tensor): Tensor { return selu(x); }
  toString(): string { return 'SELU()'; }
}
