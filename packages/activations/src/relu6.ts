import type { Tensor } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { clampedLinear } from './hardtanh.js';

/** min(max(0, x), 6): hardtanh(x, 0, 6), so relu6'(0) = relu6'(6) = 0. */
export function relu6(x: Tensor): Tensor {
  return clampedLinear('relu6', x, 0, 6);
}

/** {@link relu6} as a layer. */
export class ReLU6 implements Activation {
  forward(x: Tensor): Tensor { return relu6(x); }
  toString(): string { return 'ReLU6()'; }
}
