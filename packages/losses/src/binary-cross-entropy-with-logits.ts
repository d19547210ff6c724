import { customOp } from '@mlpkit/autograd';
import {
  type Tensor, abs, add, broadcastShapes, cast, checkOptions, clamp, exp, log1p, mul, neg, sigmoid, sub,
} from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';
import type { BinaryCrossEntropyOptions } from './binary-cross-entropy.js';
import { reduce } from './reduction.js';

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /** Weight of the positive term, one per class (broadcast against the input's last dim). */
  posWeight?: Tensor;
}

const BCE_WITH_LOGITS_OPTIONS = ['reduction', 'weight', 'posWeight'] as const satisfies readonly (keyof BinaryCrossEntropyWithLogitsOptions)[];

/**
 * Binary cross-entropy on logits z, with sigmoid inside: −w·(p·t·log σ(z) + (1 − t)·log(1 − σ(z)))
 * with p = posWeight, computed as w·((1 − t)·z + (1 + (p − 1)t)·softplus(−z)) and
 * softplus(−z) = log(1 + e^(−|z|)) + max(−z, 0), so ±100 logits never meet log(0). The
 * gradient is w·((1 + (p − 1)t)·σ(z) − p·t): σ(z) − t without posWeight, ŷ − y once more.
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BinaryCrossEntropyWithLogitsOptions = {}): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  checkOptions(op, options, BCE_WITH_LOGITS_OPTIONS);
  const [z, t] = pointwiseOperands(op, input, target);
  const weight = options.weight ? cast(options.weight, z.dtype) : null;
  const posWeight = options.posWeight ? cast(options.posWeight, z.dtype) : null;
  if (weight) broadcastShapes(op, z.shape, weight.shape);
  if (posWeight) broadcastShapes(op, z.shape, posWeight.shape);
  const weighted = (v: Tensor) => (weight ? mul(v, weight) : v);
  // 1 + (p − 1)t: how much the −log σ(z) term counts.
  const logWeight = () => (posWeight ? add(1, mul(sub(posWeight, 1), t)) : null);
  const softplusNeg = () => add(log1p(exp(neg(abs(z)))), clamp(neg(z), 0));
  const losses = customOp(op, [z, t],
    () => {
      const lw = logWeight();
      const sp = softplusNeg();
      return weighted(add(mul(sub(1, t), z), lw ? mul(lw, sp) : sp));
    },
    (grad, _out, needs) => {
      const lw = logWeight();
      const s = sigmoid(z);
      const dz = needs[0] ? weighted(mul(grad, lw ? sub(mul(lw, s), mul(posWeight!, t)) : sub(s, t))) : null;
      // d/dt = −z + (p − 1)·softplus(−z), for soft targets that are themselves learned.
      const dt = needs[1] ? weighted(mul(grad, posWeight ? add(neg(z), mul(sub(posWeight, 1), softplusNeg())) : neg(z))) : null;
      return [dz, dt];
    });
  return reduce(op, losses, options.reduction ?? 'mean');
}

/** {@link binaryCrossEntropyWithLogits} as an object with `forward(input, target)`, like `nn.BCEWithLogitsLoss`. */
export class BCEWithLogitsLoss {
  constructor(readonly options: BinaryCrossEntropyWithLogitsOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('BCEWithLogitsLoss', options, BCE_WITH_LOGITS_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return binaryCrossEntropyWithLogits(input, target, this.options); }
}
