import type { Linear, Maxout, Module, PReLU } from '@mlpkit/nn';
import type { BatchNorm1d, LayerNorm, ModuleSpec } from '@mlpkit/normalization';
import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import { activationExporters } from './export-activation.js';
import type { OnnxGraph } from './onnx-graph.js';

/** The value flowing through the graph: its name and its shape (batch dim first). */
export interface Flow {
  name: string;
  shape: readonly number[];
}

/** What a layer exporter gets: the graph, the module, its saved options, the incoming value, the opset and the module's path. */
interface Context {
  g: OnnxGraph;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each exporter reads its own layer class's fields
  module: any;
  spec: ModuleSpec;
  x: Flow;
  opset: number;
  path: string;
}

const values = (t: Tensor | null | undefined, fallback: number, n: number) => (t ? t.data : new Float32Array(n).fill(fallback));

function linear({ g, module, x }: Context): string {
  const m = module as Linear;
  const bias = m.bias ? [g.floats('bias', m.bias.data)] : [];
  if (x.shape.length === 2) return g.node('Gemm', [x.name, g.floats('weight', m.weight.data, m.weight.shape), ...bias], { transB: { int: 1 } });
  // Gemm is 2-D only; more dims go through MatMul with the transposed weight.
  const wt = new Float32Array(m.inFeatures * m.outFeatures);
  for (let o = 0; o < m.outFeatures; o++) for (let i = 0; i < m.inFeatures; i++) wt[i * m.outFeatures + o] = m.weight.data[o * m.inFeatures + i];
  const product = g.node('MatMul', [x.name, g.floats('weightT', wt, [m.inFeatures, m.outFeatures])]);
  return bias.length ? g.node('Add', [product, bias[0]]) : product;
}

function batchNorm({ g, module, x }: Context): string {
  const m = module as BatchNorm1d;
  if (!m.runningMean || !m.runningVar)
    throw new MlpkitError('exportOnnx', 'BatchNorm1d without running statistics (trackRunningStats: false) normalizes with batch statistics even in eval mode; ONNX export needs running statistics');
  const n = m.numFeatures;
  const inputs = [values(m.weight, 1, n), values(m.bias, 0, n), m.runningMean.data, m.runningVar.data].map((v, i) => g.floats(['scale', 'B', 'mean', 'var'][i], v));
  return g.node('BatchNormalization', [x.name, ...inputs], { epsilon: m.eps });
}

function layerNorm({ g, module, x, opset }: Context): string {
  const m = module as LayerNorm;
  if (opset < 17) throw new MlpkitError('exportOnnx', `LayerNorm is ONNX's LayerNormalization, which needs opset 17 or later, got opset ${opset}`);
  const n = m.normalizedShape.reduce((a, b) => a * b, 1);
  const scale = g.floats('scale', values(m.weight, 1, n), m.normalizedShape);
  const bias = g.floats('B', values(m.bias, 0, n), m.normalizedShape);
  return g.node('LayerNormalization', [x.name, scale, bias], { axis: { int: -m.normalizedShape.length }, epsilon: m.eps });
}

function flatten({ g, module, x, path }: Context): string {
  const ndim = x.shape.length;
  const norm = (d: number) => (d < 0 ? d + ndim : d);
  const [start, end] = [norm(module.startDim), norm(module.endDim)];
  // The graph promises an output [N, …] for an input [N, …]; merging N into the features breaks that.
  if (start === 0 && end > 0)
    throw new MlpkitError('exportOnnx', `${path} is ${module.toString()}, which merges the batch dim into the features; the exported graph keeps the batch dim N first and free`);
  // Dims before start keep their size (0 = copy, so the batch dim stays free), start..end merge (-1), the rest are fixed.
  const shape = x.shape.flatMap((size, d) => (d < start ? [0] : d === start ? [-1] : d > end ? [size] : []));
  return g.node('Reshape', [x.name, g.ints('shape', shape)]);
}

function maxout({ g, module, x, opset }: Context): string {
  const m = module as Maxout;
  const grouped = g.node('Reshape', [x.name, g.ints('shape', [...x.shape.slice(0, -1).map(() => 0), m.units, m.k])]);
  const axis = x.shape.length; // the new last dim, holding each group's k candidates
  return opset >= 18
    ? g.node('ReduceMax', [grouped, g.ints('axes', [axis])], { keepdims: { int: 0 } })
    : g.node('ReduceMax', [grouped], { axes: [axis], keepdims: { int: 0 } });
}

function prelu({ g, module, x }: Context): string {
  const m = module as PReLU;
  // ONNX broadcasts the slope from the trailing dims; PyTorch applies it along dim 1.
  const dims = m.numParameters === 1 ? [1] : [m.numParameters, ...x.shape.slice(2).map(() => 1)];
  return g.node('PRelu', [x.name, g.floats('slope', m.weight.data, dims)]);
}

const layerExporters: Readonly<Record<string, (c: Context) => string>> = {
  Linear: linear, BatchNorm1d: batchNorm, LayerNorm: layerNorm, Flatten: flatten, Maxout: maxout, PReLU: prelu,
  Dropout: ({ x }) => x.name, Identity: ({ x }) => x.name,
};

/** Every type `exportOnnx` writes, for its error message. */
export const exportableTypes = ['Sequential', ...Object.keys(layerExporters), ...Object.keys(activationExporters)];

/** Appends the nodes of one leaf layer and returns its output's name. */
export function exportLeaf(g: OnnxGraph, module: Module, spec: ModuleSpec, x: Flow, opset: number, path: string): string {
  const layer = layerExporters[spec.type];
  if (layer) return layer({ g, module, spec, x, opset, path });
  const activation = activationExporters[spec.type];
  if (activation) return activation(g, x.name, spec.options ?? {}, opset);
  throw new MlpkitError('exportOnnx', `${path} is a ${spec.type}, which has no ONNX export; exportable: ${exportableTypes.join(', ')}`);
}
