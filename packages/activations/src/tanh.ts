import { type Tensor, mul, sub, tanh as tanhOp } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';

/**
 * The hyperbolic tangent (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ), with tanh'(x) = 1 − tanh²(x).
 *
 * @example tanh(tensor([1, 5, -4])) // [0.761, 0.999, -0.999]
 */
export function tanh(x: Tensor): Tensor {
  return elementwise('tanh', x, tanhOp, (_x, y) => sub(1, mul(y, y)));
}

/** {@link tanh} as a layer. */
export class Tanh implements Activation {
  forward(x: Tensor): Tensor { return tanh(x); }
  toString(): string { return 'Tanh()'; }
}
