import { MlpkitError, type Tensor, clamp, gt, lt, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { checkFinite } from './check.js';
import { constant, elementwise } from './elementwise.js';

function checkBounds(op: string, minVal: number, maxVal: number): void {
  checkFinite(op, 'minVal', minVal);
  checkFinite(op, 'maxVal', maxVal);
  if (!(minVal < maxVal)) throw new MlpkitError(op, `expected minVal < maxVal, got minVal ${minVal} and maxVal ${maxVal}`);
}

/** hardtanh without argument checks, for relu6 and the layer classes. */
export function clampedLinear(name: string, x: Tensor, minVal: number, maxVal: number): Tensor {
  return elementwise(name, x,
    (v) => clamp(v, minVal, maxVal),
    // Unlike clamp, the derivative is 0 exactly at the bounds (PyTorch's hardtanh rule).
    (v) => where(gt(v, minVal), where(lt(v, maxVal), constant(v, 1), constant(v, 0)), constant(v, 0)));
}

/**
 * x clamped to [minVal, maxVal], with derivative 1 strictly between the bounds and 0 at and
 * beyond them.
 */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  checkBounds('hardtanh', minVal, maxVal);
  return clampedLinear('hardtanh', x, minVal, maxVal);
}

/** {@link hardtanh} as a layer. */
export class Hardtanh implements Activation {
  constructor(readonly minVal = -1, readonly maxVal = 1) {
    checkBounds('Hardtanh', minVal, maxVal);
  }
  forward(x: Tensor): Tensor { return clampedLinear('hardtanh', x, this.minVal, this.maxVal); }
  toString(): string { return `Hardtanh(minVal=${this.minVal}, maxVal=${this.maxVal})`; }
}
