import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { BinaryStep } from './binary-step.js';
import { CELU } from './celu.js';
import { ELU } from './elu.js';
import { GELU, type GeluApproximate } from './gelu.js';
import { Hardsigmoid } from './hardsigmoid.js';
import { Hardswish } from './hardswish.js';
import { Hardtanh } from './hardtanh.js';
import { LeakyReLU } from './leaky-relu.js';
import { LogSigmoid } from './logsigmoid.js';
import { LogSoftmax } from './log-softmax.js';
import { Mish } from './mish.js';
import { ReLU } from './relu.js';
import { ReLU6 } from './relu6.js';
import { SELU } from './selu.js';
import { Sigmoid } from './sigmoid.js';
import { SiLU } from './silu.js';
import { Softmax } from './softmax.js';
import { Softplus } from './softplus.js';
import { Softsign } from './softsign.js';
import { Tanh } from './tanh.js';

/** Hyper-parameters a config may pass to {@link getActivation}; each layer reads the ones it has. */
export interface ActivationOptions {
  negativeSlope?: number;
  alpha?: number;
  beta?: number;
  threshold?: number;
  approximate?: GeluApproximate;
  minVal?: number;
  maxVal?: number;
  dim?: number;
}

const ACTIVATION_OPTIONS = [
  'negativeSlope', 'alpha', 'beta', 'threshold', 'approximate', 'minVal', 'maxVal', 'dim',
] as const satisfies readonly (keyof ActivationOptions)[];

type Factory = (options: ActivationOptions) => Activation;

/**
 * Every parameter-free activation layer by its PyTorch functional name. A new activation is
 * one line here. PReLU is absent on purpose: its slope is a Parameter, so `@mlpkit/nn` builds it.
 */
export const activations: Readonly<Record<string, Factory>> = Object.freeze({
  sigmoid: () => new Sigmoid(),
  tanh: () => new Tanh(),
  relu: () => new ReLU(),
  leaky_relu: (o) => new LeakyReLU(o.negativeSlope),
  elu: (o) => new ELU(o.alpha),
  selu: () => new SELU(),
  celu: (o) => new CELU(o.alpha),
  softplus: (o) => new Softplus(o.beta, o.threshold),
  silu: () => new SiLU(),
  swish: () => new SiLU(),
  gelu: (o) => new GELU(o.approximate),
  mish: () => new Mish(),
  hardsigmoid: () => new Hardsigmoid(),
  hardswish: () => new Hardswish(),
  softsign: () => new Softsign(),
  hardtanh: (o) => new Hardtanh(o.minVal, o.maxVal),
  relu6: () => new ReLU6(),
  logsigmoid: () => new LogSigmoid(),
  softmax: (o) => new Softmax(o.dim),
  log_softmax: (o) => new LogSoftmax(o.dim),
  binary_step: () => new BinaryStep(),
});

// "leaky_relu", "leakyRelu", "LeakyReLU" and "leaky-relu" all name the same activation.
const squash = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');
const byKey = new Map(Object.keys(activations).map((name) => [squash(name), name]));

/**
 * The activation layer a config names, e.g. `getActivation('relu')` or
 * `getActivation('leaky_relu', { negativeSlope: 0.1 })`. Case, `_` and `-` do not matter.
 * An unknown name throws an error listing the known ones.
 */
export function getActivation(name: string, options: ActivationOptions = {}): Activation {
  checkOptions('getActivation', options, ACTIVATION_OPTIONS);
  const key = typeof name === 'string' ? byKey.get(squash(name)) : undefined;
  if (key) return activations[key](options);
  if (typeof name === 'string' && squash(name) === 'prelu')
    throw new MlpkitError('getActivation', "'prelu' learns its slope, so it is a layer with a parameter: use PReLU from @mlpkit/nn (or prelu(x, weight))");
  throw new MlpkitError('getActivation', `unknown activation '${String(name)}'; known activations: ${Object.keys(activations).join(', ')}`);
}
