import { customOp } from '@mlpkit/autograd';
import {
  type Generator, MlpkitError, Tensor, allocate, checkBoolean, checkOptions, checkTensor, defaultGenerator, describe, formatShape, fromTypedArray, mul, shapesEqual, uninitializedFloat32,
} from '@mlpkit/tensor';
import { Module } from './module.js';

function checkP(op: string, p: number): void {
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new MlpkitError(op, `dropout probability p must be in [0, 1], got ${p}`);
}

/**
 * Inverted dropout with a given keep-mask (1 = keep, 0 = drop): output = input · mask / (1 − p),
 * so the expected output equals the input and nothing needs rescaling at evaluation time.
 * The gradient is masked and scaled the same way. p = 1 drops everything.
 */
export function dropoutWithMask(input: Tensor, mask: Tensor, p: number): Tensor {
  checkTensor('dropout', input);
  checkTensor('dropout', mask, 'mask');
  checkP('dropout', p);
  if (!shapesEqual(mask.shape, input.shape))
    throw new MlpkitError('dropout', `mask shape ${formatShape(mask.shape)} differs from input shape ${formatShape(input.shape)}`);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const scaled = allocate(input.dtype === 'float64' ? 'float64' : 'float32', mask.size);
  for (let i = 0; i < scaled.length; i++) scaled[i] = mask.data[i] ? scale : 0;
  return scaleByFactor(input, scaled);
}

/** input · factor (of the input's shape), with the gradient masked and scaled the same way. */
function scaleByFactor(input: Tensor, factor: Float32Array | Float64Array): Tensor {
  return customOp('dropout', [input], () => timesFactor(input, factor), (grad) => [timesFactor(grad, factor)], { pure: true });
}

/**
 * x · factor elementwise. For a float input of the factor's type this is one plain loop: the
 * product of two float32 values is exact in float64, so storing it rounds once, as `mul` does,
 * and the bits are `mul`'s (without a backend call that copies both operands in and out).
 */
function timesFactor(x: Tensor, factor: Float32Array | Float64Array): Tensor {
  if (x.dtype !== (factor instanceof Float64Array ? 'float64' : 'float32')) return mul(x, fromTypedArray(factor, x.shape));
  // Every element is written: a float32 output may take a recycled array (uninitializedFloat32).
  const out = x.dtype === 'float32' ? uninitializedFloat32(factor.length) : allocate(x.dtype, factor.length), data = x.data;
  for (let i = 0; i < out.length; i++) out[i] = data[i] * factor[i];
  return new Tensor(out, x.shape);
}

/** Options of `dropout`. */
export interface DropoutOptions {
  /** Probability of zeroing an element, default 0.5. */
  p?: number;
  /** Apply dropout (true) or pass the input through (false); default true. */
  training?: boolean;
  /** Where the mask comes from; the global generator when omitted. */
  generator?: Generator;
}

const DROPOUT_OPTIONS = ['p', 'training', 'generator'] as const satisfies readonly (keyof DropoutOptions)[];

/**
 * Zeroes each element with probability p and scales the survivors by 1/(1 − p) in training;
 * the identity otherwise (`torch.nn.functional.dropout`).
 */
export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  checkOptions('dropout', options, DROPOUT_OPTIONS);
  const { p = 0.5, training = true } = options;
  // Checked even when nothing is dropped: eval mode handed a null input on unchanged.
  checkTensor('dropout', input);
  checkP('dropout', p);
  checkBoolean('dropout', 'training', training);
  if (!training || p === 0) return input;
  const g: Generator = options.generator ?? defaultGenerator();
  if (typeof g?.bernoulliInto !== 'function') throw new MlpkitError('dropout', `expected generator to be a Generator, got ${describe(g)}`);
  // The scaled keep-mask, drawn straight into the factor (the same draws as a 0/1 mask).
  const factor = g.bernoulliInto(allocate(input.dtype === 'float64' ? 'float64' : 'float32', input.size), 1 - p, p === 1 ? 0 : 1 / (1 - p));
  return scaleByFactor(input, factor);
}

/**
 * Dropout as a layer (`torch.nn.Dropout`): active in `train()` mode, the identity after `eval()`.
 *
 * @example
 * const drop = new Dropout(0.2, { generator: new Generator(0) });
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly generator?: Generator;

  constructor(p = 0.5, options: { generator?: Generator } = {}) {
    super();
    checkOptions('Dropout', options, ['generator']);
    checkP('Dropout', p);
    this.p = p;
    this.generator = options.generator;
  }

  forward(input: Tensor): Tensor {
    return dropout(input, { p: this.p, training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
