import { customOp } from '@mlpkit/autograd';
import {
  MlpkitError, type Tensor, add, broadcastShapes, cast, checkOptions, clamp, div, log, log1p, maximum, mul, neg, sub,
} from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';
import type { ReductionOptions } from './mse-loss.js';
import { reduce } from './reduction.js';

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions extends ReductionOptions {
  /** Rescales each element's loss; broadcast against the input (e.g. one weight per column). */
  weight?: Tensor;
}

const BCE_OPTIONS = ['reduction', 'weight'] as const satisfies readonly (keyof BinaryCrossEntropyOptions)[];

function checkProbabilities(op: string, x: Tensor): void {
  for (let i = 0; i < x.size; i++) {
    const p = x.data[i];
    if (!(p >= 0 && p <= 1))
      throw new MlpkitError(op, `input must hold probabilities in [0, 1] (apply sigmoid first, or use binaryCrossEntropyWithLogits), got ${p} at position ${i}`);
  }
}

/**
 * Binary cross-entropy on probabilities: −w·(t·log x + (1 − t)·log(1 − x)). Each log is
 * clamped at −100 as in PyTorch, so x = 0 with t = 1 costs 100 instead of ∞. The gradient is
 * PyTorch's w·(x − t) / max(x(1 − x), 1e-12). Prefer {@link binaryCrossEntropyWithLogits},
 * which is exact at the extremes.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const op = 'binaryCrossEntropy';
  checkOptions(op, options, BCE_OPTIONS);
  const [x, t] = pointwiseOperands(op, input, target);
  checkProbabilities(op, x);
  const weight = options.weight ? cast(options.weight, x.dtype) : null;
  if (weight) broadcastShapes(op, x.shape, weight.shape);
  const weighted = (v: Tensor) => (weight ? mul(v, weight) : v);
  const losses = customOp(op, [x],
    () => {
      const logX = clamp(log(x), -100);
      const log1mX = clamp(log1p(neg(x)), -100);
      return weighted(neg(add(mul(t, logX), mul(sub(1, t), log1mX))));
    },
    (grad) => [weighted(div(mul(grad, sub(x, t)), maximum(mul(x, sub(1, x)), 1e-12)))]);
  return reduce(op, losses, options.reduction ?? 'mean');
}

/** {@link binaryCrossEntropy} as an object with `forward(input, target)`, like `nn.BCELoss`. */
export class BCELoss {
  constructor(readonly options: BinaryCrossEntropyOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('BCELoss', options, BCE_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return binaryCrossEntropy(input, target, this.options); }
}
