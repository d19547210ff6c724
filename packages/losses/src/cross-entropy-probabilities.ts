import { logSoftmax } from '@mlpkit/activations';
import { MlpkitError, type Tensor, add, cast, formatShape, mul, neg, reshape, shapesEqual, sum } from '@mlpkit/tensor';
import { type Reduction, reduce } from './reduction.js';

/** Options of {@link crossEntropyProbabilities}. */
export interface ProbabilityTargetOptions {
  weight?: Tensor;
  reduction: Reduction;
  labelSmoothing: number;
}

/**
 * Cross-entropy against a distribution per position: −Σc w[c]·t[c]·log softmax(x)[c] over the
 * class dim 1, the target first smoothed to t(1 − ε) + ε/C. The mean divides by the number of
 * positions, not by a weight sum (PyTorch's rule). Gradients come from logSoftmax's own rule.
 */
export function crossEntropyProbabilities(op: string, input: Tensor, target: Tensor, options: ProbabilityTargetOptions): Tensor {
  if (!shapesEqual(input.shape, target.shape))
    throw new MlpkitError(op, `probability targets must have the logits' shape ${formatShape(input.shape)}, got ${formatShape(target.shape)}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const classes = input.shape[classDim];
  let t = cast(target, input.dtype);
  if (options.labelSmoothing > 0) t = add(mul(t, 1 - options.labelSmoothing), options.labelSmoothing / classes);
  let picked = mul(t, logSoftmax(input, classDim));
  if (options.weight) {
    if (options.weight.ndim !== 1 || options.weight.size !== classes)
      throw new MlpkitError(op, `weight must have one entry per class, shape [${classes}], got ${formatShape(options.weight.shape)}`);
    const along = input.shape.map((_, d) => (d === classDim ? classes : 1));
    picked = mul(picked, reshape(cast(options.weight, input.dtype), along));
  }
  return reduce(op, neg(sum(picked, classDim)), options.reduction);
}
