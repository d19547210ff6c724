import { noGrad } from '@mlpkit/autograd';
import { type Module, Sequential } from '@mlpkit/nn';
import { type ModuleSpec, type Scaler, checkScaler } from '@mlpkit/normalization';
import { MlpkitError, checkOptions, describe, zeros } from '@mlpkit/tensor';
import { type Flow, exportLeaf } from './export-layer.js';
import { exportSpec } from './export-spec.js';
import { foldScaler } from './fold-scaler.js';
import { OnnxGraph } from './onnx-graph.js';
import { onnx } from './onnx-schema.js';

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /** The input's shape, batch dim first (`[1, 784]`); the batch dim is exported as the free dim `N`. */
  inputShape: readonly number[];
  /** The fitted input scaler, folded in front so the exported model takes raw inputs, as `predict(model, x, { scaler })` does. */
  scaler?: Scaler | null;
  /** ONNX opset, 13 to 21 (default 17); LayerNorm needs 17 or later. */
  opset?: number;
  /** Written to the model's `producer_name` (default "mlpkit"). */
  producerName?: string;
}

const EXPORT_ONNX_OPTIONS = ['inputShape', 'scaler', 'opset', 'producerName'] as const satisfies readonly (keyof ExportOnnxOptions)[];
// The IR version each opset was released with (ONNX 1.10–1.16), so checkers accept the pair.
const irVersionFor = (opset: number) => (opset <= 17 ? 8 : opset <= 20 ? 9 : 10);

/** The mlpkit shape of `module`'s output for an input of `shape` (eval mode, batch of 1). */
function outputShape(module: Module, shape: readonly number[]): number[] {
  return [shape[0], ...noGrad(() => module.forward(zeros([1, ...shape.slice(1)]))).shape.slice(1)];
}

function exportModule(g: OnnxGraph, module: Module, spec: ModuleSpec, x: Flow, opset: number, path: string): Flow {
  if (spec.type === 'Sequential') {
    const seq = module as Sequential;
    return (spec.layers ?? []).reduce((flow, layer, i) => exportModule(g, seq.at(i), layer, flow, opset, `${path}.${i}`), x);
  }
  return { name: exportLeaf(g, module, spec, x, opset, path), shape: outputShape(module, x.shape) };
}

const valueInfo = (name: string, shape: readonly number[]) => ({
  name,
  type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: shape.map((d, i) => (i === 0 ? { dimParam: 'N' } : { dimValue: d })) } } },
});

/**
 * The bytes of an ONNX ModelProto computing what `predict(model, x, { scaler })` computes, for
 * onnxruntime or any ONNX runtime: float32 input `input` [N, …inputShape[1:]] (raw values when
 * a scaler is given), float32 output `output`. Linear is Gemm, BatchNorm1d and LayerNorm are
 * their eval forms (running statistics), Dropout disappears, and each activation is its ONNX
 * operator or an exact decomposition (see the README). The model is traced in eval mode and
 * left in the mode it was in. Refuses a module type it cannot write, naming it.
 *
 * @example
 * const bytes = exportOnnx(model, { inputShape: [1, 784], scaler });
 * await writeFile('model.onnx', bytes);
 */
export function exportOnnx(model: Module, options: ExportOnnxOptions): Uint8Array {
  checkOptions('exportOnnx', options ?? {}, EXPORT_ONNX_OPTIONS);
  const { inputShape, scaler, opset = 17 } = options ?? ({} as ExportOnnxOptions);
  if (!Array.isArray(inputShape) || inputShape.length < 2 || !inputShape.every((d) => Number.isInteger(d) && d > 0))
    throw new MlpkitError('exportOnnx', `inputShape must list the batch dim and at least one more, as positive integers (e.g. [1, 784]), got ${JSON.stringify(inputShape)}`);
  if (!Number.isInteger(opset) || opset < 13 || opset > 21) throw new MlpkitError('exportOnnx', `opset must be an integer from 13 to 21, got ${describe(opset)}`);
  if (scaler != null) checkScaler('exportOnnx', scaler);
  if (options.producerName !== undefined && typeof options.producerName !== 'string')
    throw new MlpkitError('exportOnnx', `expected producerName to be a string, got ${describe(options.producerName)}`);
  const spec = exportSpec(model);
  const g = new OnnxGraph();
  const wasTraining = model.training;
  model.eval();
  let output: Flow;
  try {
    const input: Flow = { name: 'input', shape: inputShape };
    const scaled = scaler ? foldScaler(g, scaler, input) : input;
    output = exportModule(g, model, spec, scaled, opset, 'model');
  } finally {
    model.train(wasTraining);
  }
  // The output gets its public name from a final Identity, so it never collides with the input.
  g.nodes.push({ opType: 'Identity', name: 'output', input: [output.name], output: ['output'] });
  const proto = onnx.ModelProto.create({
    irVersion: irVersionFor(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: options.producerName ?? 'mlpkit',
    graph: {
      name: 'mlpkit',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo('input', inputShape)],
      output: [valueInfo('output', output.shape)],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
