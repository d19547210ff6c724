import { SELU_ALPHA, SELU_SCALE } from '@mlpkit/activations';
import type { ModuleOptions } from '@mlpkit/normalization';
import type { OnnxGraph } from './onnx-graph.js';

type Emit = (g: OnnxGraph, x: string, o: ModuleOptions, opset: number) => string;
const num = (o: ModuleOptions, name: string, fallback: number) => (o[name] as number | undefined) ?? fallback;

// PyTorch's softplus with beta and threshold: x where beta·x > threshold, else ln(1 + e^(beta·x)) / beta.
const softplus: Emit = (g, x, o) => {
  const beta = num(o, 'beta', 1);
  const scaled = g.node('Mul', [x, g.floats('beta', [beta], [])]);
  const smooth = g.node('Div', [g.node('Softplus', [scaled]), g.floats('beta', [beta], [])]);
  return g.node('Where', [g.node('Greater', [scaled, g.floats('threshold', [num(o, 'threshold', 20)], [])]), x, smooth]);
};

const tanhGelu: Emit = (g, x) => {
  // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const cube = g.node('Mul', [g.node('Mul', [x, x]), x]);
  const inner = g.node('Mul', [g.node('Add', [x, g.node('Mul', [cube, g.floats('c', [0.044715], [])])]), g.floats('k', [Math.sqrt(2 / Math.PI)], [])]);
  return g.node('Mul', [g.node('Mul', [x, g.floats('half', [0.5], [])]), g.node('Add', [g.node('Tanh', [inner]), g.floats('one', [1], [])])]);
};

const erfGelu: Emit = (g, x) => {
  // 0.5·x·(1 + erf(x/√2))
  const erf = g.node('Erf', [g.node('Div', [x, g.floats('sqrt2', [Math.SQRT2], [])])]);
  return g.node('Mul', [g.node('Mul', [x, g.floats('half', [0.5], [])]), g.node('Add', [erf, g.floats('one', [1], [])])]);
};

/**
 * How each activation layer is written: as the ONNX operator of the same definition where one
 * exists at opset 13–21, else as an exact decomposition into ONNX operators (see the README's
 * table). Keyed by the model-file type name.
 */
export const activationExporters: Readonly<Record<string, Emit>> = {
  Sigmoid: (g, x) => g.node('Sigmoid', [x]),
  Tanh: (g, x) => g.node('Tanh', [x]),
  ReLU: (g, x) => g.node('Relu', [x]),
  LeakyReLU: (g, x, o) => g.node('LeakyRelu', [x], { alpha: num(o, 'negativeSlope', 0.01) }),
  ELU: (g, x, o) => g.node('Elu', [x], { alpha: num(o, 'alpha', 1) }),
  SELU: (g, x) => g.node('Selu', [x], { alpha: SELU_ALPHA, gamma: SELU_SCALE }),
  CELU: (g, x, o) => g.node('Celu', [x], { alpha: num(o, 'alpha', 1) }),
  Softplus: softplus,
  SiLU: (g, x) => g.node('Mul', [x, g.node('Sigmoid', [x])]),
  GELU: (g, x, o, opset) => (o.approximate === 'tanh' ? tanhGelu : erfGelu)(g, x, o, opset),
  Mish: (g, x) => g.node('Mul', [x, g.node('Tanh', [g.node('Softplus', [x])])]),
  Hardsigmoid: (g, x) => g.node('HardSigmoid', [x], { alpha: 1 / 6, beta: 0.5 }),
  // ONNX's HardSwish arrived in opset 14; before it, x · HardSigmoid(x) is the same definition.
  Hardswish: (g, x, _o, opset) => (opset >= 14 ? g.node('HardSwish', [x]) : g.node('Mul', [x, g.node('HardSigmoid', [x], { alpha: 1 / 6, beta: 0.5 })])),
  Softsign: (g, x) => g.node('Softsign', [x]),
  Hardtanh: (g, x, o) => g.node('Clip', [x, g.floats('min', [num(o, 'minVal', -1)], []), g.floats('max', [num(o, 'maxVal', 1)], [])]),
  ReLU6: (g, x) => g.node('Clip', [x, g.floats('min', [0], []), g.floats('max', [6], [])]),
  LogSigmoid: (g, x) => g.node('Neg', [g.node('Softplus', [g.node('Neg', [x])])]),
  Softmax: (g, x, o) => g.node('Softmax', [x], { axis: { int: num(o, 'dim', -1) } }),
  LogSoftmax: (g, x, o) => g.node('LogSoftmax', [x], { axis: { int: num(o, 'dim', -1) } }),
  BinaryStep: (g, x) => g.node('Cast', [g.node('GreaterOrEqual', [x, g.floats('zero', [0], [])])], { to: { int: 1 } }),
};
