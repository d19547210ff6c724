import { type Tensor, checkOptions } from '@mlpkit/tensor';
import { type ShapeLike, calculateFanInAndFanOut } from './fan.js';
import { type GeneratorOption, fillWith, requireNonNegative } from './fill.js';
import { symmetricUniform_ } from './uniform.js';

/** Options of the Xavier/Glorot initializers. */
export interface XavierOptions extends GeneratorOption {
  /** Scaling factor, e.g. `calculateGain('tanh')`; default 1. */
  gain?: number;
}

const XAVIER_OPTIONS = ['gain', 'generator'] as const satisfies readonly (keyof XavierOptions)[];

/** Xavier's std: gain·√(2/(fanIn + fanOut)), which balances forward and backward variance. */
export function xavierStd(t: ShapeLike, gain = 1): number {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  return gain * Math.sqrt(2 / (fanIn + fanOut));
}

/** Xavier-uniform's bound: gain·√(6/(fanIn + fanOut)) = √3·std. */
export function xavierUniformBound(t: ShapeLike, gain = 1): number {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  return gain * Math.sqrt(6 / (fanIn + fanOut));
}

/**
 * Fills `t` in place with U(−bound, bound), bound = gain·√(6/(fanIn + fanOut)) (Glorot &
 * Bengio 2010, `torch.nn.init.xavier_uniform_`), and returns it.
 *
 * @example
 * xavierUniform_(linear.weight, { gain: calculateGain('tanh') });
 */
export function xavierUniform_(t: Tensor, options: XavierOptions = {}): Tensor {
  checkOptions('xavierUniform_', options, XAVIER_OPTIONS);
  const gain = options.gain ?? 1;
  requireNonNegative('xavierUniform_', 'gain', gain);
  return symmetricUniform_('xavierUniform_', t, xavierUniformBound(t, gain), options);
}

/** Fills `t` in place with N(0, std²), std = gain·√(2/(fanIn + fanOut)) (`xavier_normal_`), and returns it. */
export function xavierNormal_(t: Tensor, options: XavierOptions = {}): Tensor {
  checkOptions('xavierNormal_', options, XAVIER_OPTIONS);
  const gain = options.gain ?? 1;
  requireNonNegative('xavierNormal_', 'gain', gain);
  const std = xavierStd(t, gain);
  return fillWith('xavierNormal_', t, options.generator, (g) => std * g.normal());
}
