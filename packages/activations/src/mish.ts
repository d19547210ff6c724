import { type Tensor, add, mul, sigmoid, sub, tanh } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';
import { stableSoftplus } from './softplus.js';

/**
 * Mish: x·tanh(softplus(x)), with derivative t + x(1 − t²)σ(x) where t = tanh(softplus(x))
 * (so mish'(0) = 0.6).
 */
export function mish(x: Tensor): Tensor {
  return elementwise('mish', x,
    (v) => mul(v, tanh(stableSoftplus(v))),
    (v) => {
      const t = tanh(stableSoftplus(v));
      return add(t, mul(mul(v, sub(1, mul(t, t))), sigmoid(v)));
    });
}

/** {@link mish} as a layer. */
export class Mish implements Activation {
  forward(x: Tensor): Tensor { return mish(x); }
  toString(): string { return 'Mish()'; }
}
