import { MlpkitError, type Tensor, checkOptions, formatShape, isFloating, reshape, shapesEqual } from '@mlpkit/tensor';
import { checkClassIndex, checkOperands } from './check.js';
import { classTargets } from './class-targets.js';
import { crossEntropyProbabilities } from './cross-entropy-probabilities.js';
import { type Reduction, checkReduction } from './reduction.js';
import { softmaxCrossEntropy } from './softmax-cross-entropy.js';

/** Options of {@link crossEntropy}, PyTorch's arguments in camelCase. */
export interface CrossEntropyOptions {
  /** One weight per class (shape [C]). */
  weight?: Tensor;
  /** Class-index targets equal to this contribute no loss and no gradient. Default −100. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
  /** ε in [0, 1]: the target becomes (1 − ε)·onehot + ε/C. Default 0. */
  labelSmoothing?: number;
}

const CROSS_ENTROPY_OPTIONS = ['weight', 'ignoreIndex', 'reduction', 'labelSmoothing'] as const satisfies readonly (keyof CrossEntropyOptions)[];

/**
 * Cross-entropy from raw logits (softmax is applied inside, stably). `input` is (C), (N, C)
 * or (N, C, d1, …); `target` is either int32 class indices of shape (), (N) or (N, d1, …), or
 * float probabilities of input's shape. With class indices it is one fused op whose
 * gradient is ŷ − y (see {@link softmaxCrossEntropy}).
 *
 * @example crossEntropy(logits, tensor([0, 2, 1], { dtype: 'int32' })) // mean loss, a 0-d tensor
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  checkOptions('crossEntropy', options, CROSS_ENTROPY_OPTIONS);
  const { weight, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 } = options;
  const op = 'crossEntropy';
  checkOperands(op, input, target);
  if (!isFloating(input.dtype)) throw new MlpkitError(op, `expected float logits, got dtype ${input.dtype}`);
  checkReduction(op, reduction);
  checkClassIndex(op, 'ignoreIndex', ignoreIndex);
  // typeof first: the string '0.1' passes the range test and would reach the loss as a string.
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1))
    throw new MlpkitError(op, `labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  if (isFloating(target.dtype)) {
    if (!shapesEqual(target.shape, input.shape) && input.ndim >= 1 && target.ndim === input.ndim - 1)
      throw new MlpkitError(op, `a float target must hold probabilities of the logits' shape ${formatShape(input.shape)}; got ${formatShape(target.shape)}, which looks like class indices: pass them as int32`);
    return crossEntropyProbabilities(op, input, target, { weight, reduction, labelSmoothing });
  }
  const { rows, outShape, targets, classWeights } = classTargets(op, input, target, weight, ignoreIndex);
  const loss = softmaxCrossEntropy(rows, { targets, classWeights, labelSmoothing, reduction });
  return reduction === 'none' ? reshape(loss, outShape) : loss;
}

/** {@link crossEntropy} as an object with `forward(input, target)`, like `nn.CrossEntropyLoss`. */
export class CrossEntropyLoss {
  constructor(readonly options: CrossEntropyOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('CrossEntropyLoss', options, CROSS_ENTROPY_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return crossEntropy(input, target, this.options); }
}
