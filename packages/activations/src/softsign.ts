import { type Tensor, abs, add, div, mul } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';

/** softsign(x) = x / (1 + |x|), with derivative 1 / (1 + |x|)². */
export function softsign(x: Tensor): Tensor {
  return elementwise('softsign', x,
    (v) => div(v, add(abs(v), 1)),
    (v) => {
      const d = add(abs(v), 1);
      return div(1, mul(d, d));
    });
}

/** {@link softsign} as a layer. */
export class Softsign implements Activation {
  forward(x: Tensor): Tensor { return softsign(x); }
  toString(): string { return 'Softsign()'; }
}
