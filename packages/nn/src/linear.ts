import { kaimingUniform_, uniform_ } from '@mlpkit/initializers';
import { type Generator, MlpkitError, type Tensor, checkBoolean, checkOptions, checkTensor, formatShape, zeros } from '@mlpkit/tensor';
import { linear } from './linear-function.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

/** Options of `Linear`. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Where the initial weights come from; the global generator when omitted. */
  generator?: Generator;
  /** Parameter dtype, float32 by default. */
  dtype?: 'float32' | 'float64';
}

const LINEAR_OPTIONS = ['bias', 'generator', 'dtype'] as const satisfies readonly (keyof LinearOptions)[];

function checkFeatures(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new MlpkitError('Linear', `${name} must be a non-negative integer, got ${value}`);
}

/**
 * A fully connected layer y = x Wᵀ + b (`torch.nn.Linear`), with weight [outFeatures,
 * inFeatures] and bias [outFeatures], initialized as PyTorch does: weight by kaimingUniform_ with
 * a = √5 (i.e. U(−1/√in, 1/√in)) and bias by U(−1/√in, 1/√in).
 *
 * @example
 * const fc = new Linear(4, 3);
 * fc.forward(randn([8, 4])).shape; // [8, 3]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    checkOptions('Linear', options, LINEAR_OPTIONS);
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    // Read for truth below, so bias: 'false' would make one.
    if (options.bias !== undefined) checkBoolean('Linear', 'bias', options.bias);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype ?? 'float32';
    this.weight = new Parameter(zeros([outFeatures, inFeatures], { dtype }));
    this.bias = options.bias ?? true ? new Parameter(zeros([outFeatures], { dtype })) : null;
    this.resetParameters(options.generator);
  }

  /** Draws fresh initial values (PyTorch's default init) in place. */
  resetParameters(generator?: Generator): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    const bound = this.inFeatures > 0 ? 1 / Math.sqrt(this.inFeatures) : 0;
    if (this.bias) uniform_(this.bias, { a: -bound, b: bound, generator });
  }

  forward(input: Tensor): Tensor {
    checkTensor('Linear', input);
    if (input.ndim < 1 || input.shape[input.ndim - 1] !== this.inFeatures)
      throw new MlpkitError(
        'Linear',
        `${this.toString()} expects ${this.inFeatures} features in the input's last dim, got input shape ${formatShape(input.shape)} (weight shape ${formatShape(this.weight.shape)})`,
      );
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
