import { type Tensor, tanh as tanhOp } from '@mlpkit/tensor';
import type { Activation } from './activation.js';

/**
 * The hyperbolic tangent (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ), with tanh'(x) = 1 − tanh²(x). It is
 * tensor's `tanh` primitive, so its gradient is the one rule in autograd's VJP table (and
 * `x.tanh()` is the same op); integer and bool inputs become float32.
 *
 * @example tanh(tensor([1, 5, -4])) // [0.761, 0.999, -0.999]
 */
export function tanh(x: Tensor): Tensor {
  return tanhOp(x);
}

/** {@link tanh} as a layer. */
export class Tanh implements Activation {
  forward(x: Tensor): Tensor { return tanh(x); }
  toString(): string { return 'Tanh()'; }
}
