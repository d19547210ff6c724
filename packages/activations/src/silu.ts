import { type Tensor, add, mul, sigmoid, sub } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';

/**
 * SiLU, also called swish: x·σ(x), with derivative σ(x)(1 + x(1 − σ(x))), which the slides
 * write as swish(x) + σ(x)(1 − swish(x)).
 *
 * @example silu(tensor([1, 5, -4])) // [0.731, 4.967, -0.072]
 */
export function silu(x: Tensor): Tensor {
  return elementwise('silu', x,
    (v) => mul(v, sigmoid(v)),
    (v) => {
      const s = sigmoid(v);
      return mul(s, add(1, mul(v, sub(1, s))));
    });
}

/** The slides' name for {@link silu}. */
export const swish = silu;

/** {@link silu} as a layer. */
export class SiLU implements Activation {
  forward(x: Tensor): Tensor { return silu(x); }
  toString(): string { return 'SiLU()'; }
}

/** The slides' name for {@link SiLU}. */
export const Swish = SiLU;
