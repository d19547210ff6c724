import { type Tensor, checkOptions } from '@mlpkit/tensor';
import { type FanMode, type ShapeLike, fanFor } from './fan.js';
import { type GeneratorOption, fillWith } from './fill.js';
import { type Nonlinearity, calculateGain } from './gain.js';
import { symmetricUniform_ } from './uniform.js';

/** Options of the Kaiming/He initializers, with PyTorch's defaults. */
export interface KaimingOptions extends GeneratorOption {
  /** Negative slope of the leaky ReLU that follows (only used for 'leaky_relu'); default 0. */
  a?: number;
  /** 'fanIn' (default) keeps the forward variance, 'fanOut' the backward one. */
  mode?: FanMode;
  /** The nonlinearity that follows, default 'leaky_relu' (as in PyTorch). */
  nonlinearity?: Nonlinearity | string;
}

const KAIMING_OPTIONS = ['a', 'mode', 'nonlinearity', 'generator'] as const satisfies readonly (keyof KaimingOptions)[];

/** Kaiming's std for the public entry `op`, which is the one that checks the options. */
function stdOf(op: string, t: ShapeLike, options: KaimingOptions): number {
  checkOptions(op, options, KAIMING_OPTIONS);
  const { a = 0, mode = 'fanIn', nonlinearity = 'leaky_relu' } = options;
  const fan = fanFor('kaiming', t, mode);
  return calculateGain(nonlinearity, a) / Math.sqrt(fan);
}

/** Kaiming's std: gain/√fan with gain = calculateGain(nonlinearity, a). */
export function kaimingStd(t: ShapeLike, options: KaimingOptions = {}): number {
  return stdOf('kaimingStd', t, options);
}

/** Kaiming-uniform's bound: √3·std, so that U(−bound, bound) has Kaiming's std. */
export function kaimingUniformBound(t: ShapeLike, options: KaimingOptions = {}): number {
  return Math.sqrt(3) * stdOf('kaimingUniformBound', t, options);
}

/**
 * Fills `t` in place with U(−bound, bound), bound = √3·gain/√fan (He et al. 2015,
 * `torch.nn.init.kaiming_uniform_`), and returns it. PyTorch's default Linear init is this
 * with `a: Math.sqrt(5)`.
 *
 * @example
 * kaimingUniform_(weight, { nonlinearity: 'relu' });
 */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  return symmetricUniform_('kaimingUniform_', t, Math.sqrt(3) * stdOf('kaimingUniform_', t, options), options);
}

/** Fills `t` in place with N(0, std²), std = gain/√fan (`kaiming_normal_`), and returns it. */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = stdOf('kaimingNormal_', t, options);
  return fillWith('kaimingNormal_', t, options.generator, (g) => std * g.normal());
}
