import { Module, Parameter, declareKeepsNoReference } from '@mlpkit/nn';
import { MlpkitError, type Tensor, checkOptions, checkTensor, ones, zeros } from '@mlpkit/tensor';
import { checkEps, checkFlags } from './check-layer-options.js';
import { layerNorm } from './layer-norm-function.js';

/** Options of {@link LayerNorm}, as `torch.nn.LayerNorm` names them. */
export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Learn an elementwise scale γ (init 1) and shift β (init 0) of shape normalizedShape (default true). */
  elementwiseAffine?: boolean;
  /** With elementwiseAffine, also learn β (default true). */
  bias?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

const LAYER_NORM_OPTIONS = ['eps', 'elementwiseAffine', 'bias', 'dtype'] as const satisfies readonly (keyof LayerNormOptions)[];

/**
 * Layer normalization (`torch.nn.LayerNorm`): each sample is normalized over its trailing
 * `normalizedShape` dims with its own mean and biased variance, identically in training and
 * eval, so it works for any batch size (including 1).
 *
 * @example
 * const ln = new LayerNorm(64);
 * ln.forward(h); // h [N, 64]
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    checkOptions('LayerNorm', options, LAYER_NORM_OPTIONS);
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0))
      throw new MlpkitError('LayerNorm', `normalizedShape must be a positive integer or a non-empty list of them, got ${JSON.stringify(normalizedShape)}`);
    checkEps('LayerNorm', options.eps);
    checkFlags('LayerNorm', options, ['elementwiseAffine', 'bias']);
    this.normalizedShape = shape;
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const dtype = options.dtype ?? 'float32';
    this.weight = this.elementwiseAffine ? new Parameter(ones(shape, { dtype })) : null;
    this.bias = this.elementwiseAffine && (options.bias ?? true) ? new Parameter(zeros(shape, { dtype })) : null;
  }

  forward(input: Tensor): Tensor {
    checkTensor('LayerNorm', input);
    return layerNorm(input, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }
}

// Its forward returns a new array and keeps what it saw only through its one graph node, so a
// Sequential reuses the memory of the outputs around it (nn's intermediate-reuse.ts).
declareKeepsNoReference(LayerNorm.prototype.forward);
