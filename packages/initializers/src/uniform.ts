import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import { type GeneratorOption, fillWith } from './fill.js';

/** Options of `uniform_`. */
export interface UniformOptions extends GeneratorOption {
  /** Lower bound (inclusive), default 0. */
  a?: number;
  /** Upper bound, default 1. */
  b?: number;
}

const UNIFORM_OPTIONS = ['a', 'b', 'generator'] as const satisfies readonly (keyof UniformOptions)[];

/** The standard deviation of U(a, b): (b − a)/√12. */
export function uniformStd(a: number, b: number): number {
  return (b - a) / Math.sqrt(12);
}

/**
 * Fills `t` in place with samples of U(a, b) and returns it (`torch.nn.init.uniform_`).
 *
 * @example
 * uniform_(zeros([3, 4]), { a: -0.1, b: 0.1, generator: new Generator(0) });
 */
export function uniform_(t: Tensor, options: UniformOptions = {}): Tensor {
  checkOptions('uniform_', options, UNIFORM_OPTIONS);
  const { a = 0, b = 1, generator } = options;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a <= b))
    throw new MlpkitError('uniform_', `expected finite bounds with a <= b, got a ${a} and b ${b}`);
  return fillWith('uniform_', t, generator, (g) => a + (b - a) * g.random());
}

/** U(−bound, bound) in place: the shape every "uniform" fan-scaled initializer shares. */
export function symmetricUniform_(op: string, t: Tensor, bound: number, options: GeneratorOption): Tensor {
  return fillWith(op, t, options.generator, (g) => bound * (2 * g.random() - 1));
}
