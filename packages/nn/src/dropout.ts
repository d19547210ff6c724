import { customOp } from '@mlpkit/autograd';
import { type Generator, MlpkitError, type Tensor, allocate, defaultGenerator, formatShape, fromTypedArray, mul, shapesEqual } from '@mlpkit/tensor';
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
  checkP('dropout', p);
  if (!shapesEqual(mask.shape, input.shape))
    throw new MlpkitError('dropout', `mask shape ${formatShape(mask.shape)} differs from input shape ${formatShape(input.shape)}`);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const scaled = allocate(input.dtype === 'float64' ? 'float64' : 'float32', mask.size);
  for (let i = 0; i < scaled.length; i++) scaled[i] = mask.data[i] ? scale : 0;
  return scaleByFactor(input, fromTypedArray(scaled, mask.shape));
}

/** input · factor, with the gradient masked and scaled the same way. */
function scaleByFactor(input: Tensor, factor: Tensor): Tensor {
  return customOp('dropout', [input], () => mul(input, factor), (grad) => [mul(grad, factor)]);
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

/**
 * Zeroes each element with probability p and scales the survivors by 1/(1 − p) in training;
 * the identity otherwise (`torch.nn.functional.dropout`).
 */
export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  const { p = 0.5, training = true } = options;
  checkP('dropout', p);
  if (!training || p === 0) return input;
  const g = options.generator ?? defaultGenerator();
  // The scaled keep-mask, drawn straight into the factor (the same draws as a 0/1 mask).
  const factor = g.bernoulliInto(allocate(input.dtype === 'float64' ? 'float64' : 'float32', input.size), 1 - p, p === 1 ? 0 : 1 / (1 - p));
  return scaleByFactor(input, fromTypedArray(factor, input.shape));
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
