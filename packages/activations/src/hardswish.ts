import { type Tensor, add, clamp, div, ge, lt, mul, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { constant, elementwise } from './elementwise.js';

/**
 * x·relu6(x + 3)/6, with derivative 0 below −3, x/3 + 1/2 on [−3, 3) and 1 from 3 on.
 * At exactly 3 PyTorch 1.13 gives 1 on its vectorised path and 1.5 on its scalar path; we
 * take 1, the slope of the linear piece that starts there.
 */
export function hardswish(x: Tensor): Tensor {
  return elementwise('hardswish', x,
    (v) => div(mul(v, clamp(add(v, 3), 0, 6)), 6),
    (v) => where(lt(v, -3), constant(v, 0), where(ge(v, 3), constant(v, 1), add(div(v, 3), 0.5))));
}

/** {@link hardswish} as a layer. */
export class Hardswish implements Activation {
  forward(x: Tensor): Tensor { return hardswish(x); }
  toString(): string { return 'Hardswish()'; }
}
