import { type Tensor, abs, add, clamp, div, lt, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { constant, elementwise } from './elementwise.js';

/**
 * The piecewise-linear sigmoid relu6(x + 3)/6: 0 below −3, 1 above 3, with derivative 1/6
 * strictly inside (−3, 3) and 0 elsewhere, bounds included (PyTorch's convention).
 */
export function hardsigmoid(x: Tensor): Tensor {
  return elementwise('hardsigmoid', x,
    (v) => div(clamp(add(v, 3), 0, 6), 6),
    (v) => where(lt(abs(v), 3), constant(v, 1 / 6), constant(v, 0)));
}

/** {@link hardsigmoid} as a layer. */
export class Hardsigmoid implements Activation {
  forward(x: Tensor): Tensor { return hardsigmoid(x); }
  toString(): string { return 'Hardsigmoid()'; }
}
