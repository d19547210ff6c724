import {
  BinaryStep, CELU, ELU, GELU, Hardsigmoid, Hardswish, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, Mish, ReLU, ReLU6, SELU, SiLU, Sigmoid, Softmax,
  Softplus, Softsign, Tanh, binaryStep, celu, elu, gelu, hardsigmoid, hardswish, hardtanh, leakyRelu, logSoftmax, logsigmoid, mish, relu, relu6, selu,
  sigmoid, silu, softmax, softplus, softsign, tanh,
} from '@mlpkit/activations';
import type { Activation } from '@mlpkit/activations';
import type { AnyModuleType, ModuleOptions, OptionKind, OptionValue } from './module-type.js';

type ActivationClass = new (...args: any[]) => Activation;

// One row per activation layer: its file name (PyTorch's class name), its class, the
// functional form Sequential may hold instead, and its constructor arguments in order.
const rows: [string, ActivationClass, (...args: any[]) => unknown, Record<string, OptionKind>][] = [
  ['Sigmoid', Sigmoid, sigmoid, {}],
  ['Tanh', Tanh, tanh, {}],
  ['ReLU', ReLU, relu, {}],
  ['LeakyReLU', LeakyReLU, leakyRelu, { negativeSlope: 'number' }],
  ['ELU', ELU, elu, { alpha: 'number' }],
  ['SELU', SELU, selu, {}],
  ['CELU', CELU, celu, { alpha: 'number' }],
  ['Softplus', Softplus, softplus, { beta: 'number', threshold: 'number' }],
  ['SiLU', SiLU, silu, {}],
  ['GELU', GELU, gelu, { approximate: ['none', 'tanh'] }],
  ['Mish', Mish, mish, {}],
  ['Hardsigmoid', Hardsigmoid, hardsigmoid, {}],
  ['Hardswish', Hardswish, hardswish, {}],
  ['Softsign', Softsign, softsign, {}],
  ['Hardtanh', Hardtanh, hardtanh, { minVal: 'number', maxVal: 'number' }],
  ['ReLU6', ReLU6, relu6, {}],
  ['LogSigmoid', LogSigmoid, logsigmoid, {}],
  ['Softmax', Softmax, softmax, { dim: 'integer' }],
  ['LogSoftmax', LogSoftmax, logSoftmax, { dim: 'integer' }],
  ['BinaryStep', BinaryStep, binaryStep, {}],
];

/**
 * Every parameter-free activation layer of `@mlpkit/activations` as a model-file type. Its
 * options are its constructor arguments, read back from the layer's fields of the same names.
 */
export const activationTypes: readonly AnyModuleType[] = rows.map(([type, cls, , options]) => ({
  type,
  module: cls,
  options,
  config: (layer: Activation) => Object.fromEntries(Object.keys(options).map((name) => [name, (layer as unknown as Record<string, OptionValue>)[name]])),
  create: (o: ModuleOptions) => new cls(...Object.keys(options).map((name) => o[name])),
  state: () => ({}),
}));

/** The type name of an activation function Sequential holds as a plain function (`relu`), called with its defaults. */
export const activationFunctionTypes: ReadonlyMap<unknown, string> = new Map(rows.map(([type, , fn]) => [fn, type]));
