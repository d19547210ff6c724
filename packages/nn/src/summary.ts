import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, checkOptions, formatShape, zeros } from '@mlpkit/tensor';
import { Lambda } from './lambda.js';
import { Sequential } from './sequential.js';
import type { Module } from './module.js';

/** One row of a {@link summary}: a module as the forward pass met it. */
export interface LayerSummary {
  /** Dotted name ('0', 'block.fc'). */
  name: string;
  /** Class name, or the activation's for a wrapped activation. */
  type: string;
  /** Nesting depth under the model (1 for its direct children). */
  depth: number;
  /** Shape of its output for the summary's input. */
  outputShape: number[];
  /** Elements of its learnable parameters, sub-modules included. */
  trainableParams: number;
  /** Elements of its frozen parameters and buffers (BatchNorm's running statistics), sub-modules included. */
  nonTrainableParams: number;
}

/** What {@link summary} returns (and prints). */
export interface ModelSummary {
  layers: LayerSummary[];
  inputShape: number[];
  outputShape: number[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Bytes of every parameter and buffer. */
  paramBytes: number;
  /** Bytes of the outputs of every leaf module for one batch of `inputShape` (what a forward pass holds for backward). */
  activationBytes: number;
  /** Bytes of one input batch. */
  inputBytes: number;
  /** The printed table. */
  text: string;
}

const count = (tensors: readonly Tensor[]) => tensors.reduce((n, t) => n + t.size, 0);
const bytes = (tensors: readonly Tensor[]) => tensors.reduce((n, t) => n + t.data.byteLength, 0);
const typeOf = (m: Module) => (m instanceof Lambda ? m.label : m.constructor.name);

/** Every module's own state split by trainability, sub-modules included. */
function stateOf(m: Module) {
  const params = m.parameters();
  const trainable = params.filter((p) => p.requiresGrad);
  const frozen = [...params.filter((p) => !p.requiresGrad), ...m.namedBuffers().map(([, b]) => b)];
  return { trainable, frozen };
}

/** Runs `model` once on zeros of `inputShape`, recording each sub-module's output shape; its `forward`s are wrapped for that call only. */
type Row = [name: string, module: Module, shape: number[], bytes: number];

function trace(model: Module, input: Tensor): { rows: Row[]; output: Tensor } {
  const rows: Row[] = [];
  const modules = model.namedModules().slice(1);
  const own = modules.map(([, m]) => Object.getOwnPropertyDescriptor(m, 'forward'));
  for (const [name, m] of modules) {
    const forward = m.forward;
    Object.defineProperty(m, 'forward', {
      configurable: true, writable: true,
      value: (...args: [Tensor, ...unknown[]]) => {
        // The row is placed when the call starts, so a container comes before its children.
        const row: Row = [name, m, [], 0];
        rows.push(row);
        const out = forward.apply(m, args);
        row[2] = [...out.shape];
        row[3] = out.data.byteLength;
        return out;
      },
    });
  }
  const wasTraining = model.training;
  try {
    model.eval();
    return { rows, output: noGrad(() => model.forward(input)) };
  } finally {
    modules.forEach(([, m], i) => {
      delete (m as { forward?: unknown }).forward;
      if (own[i]) Object.defineProperty(m, 'forward', own[i]);
    });
    model.train(wasTraining);
  }
}

const MB = (n: number) => (n / 2 ** 20).toFixed(2);
const thousands = (n: number) => n.toLocaleString('en-US');

function table(s: Omit<ModelSummary, 'text'>, rootType: string): string {
  const head = ['Layer (type)', 'Output shape', 'Trainable', 'Non-trainable'];
  const body = [
    [rootType, formatShape(s.outputShape), thousands(s.trainableParams), thousands(s.nonTrainableParams)],
    ...s.layers.map((l) => [`${'  '.repeat(l.depth)}${l.name.split('.').pop()}: ${l.type}`, formatShape(l.outputShape), thousands(l.trainableParams), thousands(l.nonTrainableParams)]),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  const rule = (c: string) => c.repeat(line(head).length);
  return [
    rule('='), line(head), rule('='), ...body.map(line), rule('='),
    `Total params: ${thousands(s.totalParams)}`,
    `Trainable params: ${thousands(s.trainableParams)}`,
    `Non-trainable params: ${thousands(s.nonTrainableParams)}`,
    rule('-'),
    `Input size (MB): ${MB(s.inputBytes)}`,
    `Activations, one batch of ${s.inputShape[0] ?? 1} (MB): ${MB(s.activationBytes)}`,
    `Params size (MB): ${MB(s.paramBytes)}`,
    `Estimated total size (MB): ${MB(s.inputBytes + s.activationBytes + s.paramBytes)}`,
    rule('='),
  ].join('\n');
}

/**
 * A torchinfo/Keras-style summary of `model` for one batch of `inputShape` (batch dim first):
 * each module with its output shape and parameter counts, the totals, and the memory of the
 * parameters and of one batch's activations. It runs one forward pass on zeros in eval mode
 * without gradients (so BatchNorm's statistics are untouched) and restores the mode. Prints
 * the table unless `print` is false; returns it as data either way.
 *
 * @example
 * const s = summary(new Sequential(new Linear(784, 256), relu, new Linear(256, 10)), [64, 784], { print: false });
 * s.totalParams; // 203530
 */
export function summary(model: Module, inputShape: readonly number[], options: { print?: boolean } = {}): ModelSummary {
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => Number.isInteger(d) && d > 0))
    throw new MlpkitError('summary', `inputShape must be a non-empty list of positive integers (batch first), got ${JSON.stringify(inputShape)}`);
  checkOptions('summary', options, ['print']);
  const dtype = model.parameters()[0]?.dtype === 'float64' ? 'float64' : 'float32';
  const input = zeros(inputShape, { dtype });
  const { rows, output } = trace(model, input);
  const seen = new Set<Module>();
  const layers = rows.map(([name, m, outputShape]): LayerSummary => {
    const first = !seen.has(m) && seen.add(m);
    const { trainable, frozen } = stateOf(m);
    return { name, type: typeOf(m), depth: name.split('.').length, outputShape, trainableParams: first ? count(trainable) : 0, nonTrainableParams: first ? count(frozen) : 0 };
  });
  const { trainable, frozen } = stateOf(model);
  const isLeaf = (m: Module) => m.children().length === 0;
  const data = {
    layers, inputShape: [...inputShape], outputShape: [...output.shape],
    totalParams: count(trainable) + count(frozen), trainableParams: count(trainable), nonTrainableParams: count(frozen),
    paramBytes: bytes([...trainable, ...frozen]),
    activationBytes: rows.filter(([, m]) => isLeaf(m)).reduce((n, [, , , b]) => n + b, 0),
    inputBytes: input.data.byteLength,
  };
  const text = table(data, model instanceof Sequential ? 'Sequential' : typeOf(model));
  if (options.print ?? true) console.log(text);
  return { ...data, text };
}
