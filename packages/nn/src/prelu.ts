import { prelu } from '@mlpkit/activations';
import { type DType, MlpkitError, type Tensor, checkOptions, describe, full } from '@mlpkit/tensor';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

/**
 * The parametric ReLU as a layer (`torch.nn.PReLU`): x for x > 0 and a·x otherwise, with the
 * slope a learned. One shared slope by default, or one per channel (dim 1 of the input).
 *
 * @example
 * new Sequential(new Linear(4, 8), new PReLU(), new Linear(8, 3));
 */
export class PReLU extends Module {
  readonly numParameters: number;
  weight: Parameter;

  constructor(numParameters = 1, init = 0.25, options: { dtype?: Extract<DType, 'float32' | 'float64'> } = {}) {
    super();
    checkOptions('PReLU', options, ['dtype']);
    if (!Number.isInteger(numParameters) || numParameters < 1)
      throw new MlpkitError('PReLU', `numParameters must be a positive integer, got ${numParameters}`);
    // PyTorch takes any init; a NaN or infinite slope makes every negative input's output NaN or ±Infinity.
    if (typeof init !== 'number' || !Number.isFinite(init)) throw new MlpkitError('PReLU', `init must be a finite number, got ${describe(init)}`);
    this.numParameters = numParameters;
    this.weight = new Parameter(full([numParameters], init, { dtype: options.dtype ?? 'float32' }));
  }

  forward(input: Tensor): Tensor {
    return prelu(input, this.weight);
  }

  override extraRepr(): string {
    return `numParameters=${this.numParameters}`;
  }
}
