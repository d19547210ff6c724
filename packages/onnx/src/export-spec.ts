import { Lambda, Module, Sequential } from '@mlpkit/nn';
import { type ModuleSpec, describeModel } from '@mlpkit/normalization';
import { MlpkitError, describe } from '@mlpkit/tensor';
import { exportableTypes } from './export-layer.js';

/** What `layer` is, in words, for the refusal: the function or class a Lambda wraps, else the class (and the exportable class it extends). */
function what(layer: Module): string {
  const inner: unknown = layer instanceof Lambda ? layer.layer : layer;
  if (typeof inner === 'function') return `the function ${inner.name || '(anonymous)'}, whose code ONNX cannot hold: use a layer class such as new LeakyReLU(0.2)`;
  const cls = (inner as object).constructor;
  const base = Object.getPrototypeOf(cls)?.name as string | undefined;
  const extending = base && exportableTypes.includes(base) ? `, a subclass of ${base} (only the exact class is exported: a subclass may compute something else)` : '';
  return `a ${cls?.name ?? 'Object'}${extending}, which has no ONNX export`;
}

/**
 * The architecture of `model` as `exportOnnx` walks it: describeModel's for each layer, with
 * a layer it cannot describe (a class or function of your own) refused in exportOnnx's words,
 * since registering it for model files would not give it an ONNX export.
 */
export function exportSpec(layer: Module, path = 'model'): ModuleSpec {
  if (path === 'model' && !(layer instanceof Module)) throw new MlpkitError('exportOnnx', `expected model to be a Module, got ${describe(layer)}`);
  if (layer instanceof Sequential && layer.constructor === Sequential)
    return { type: 'Sequential', layers: layer.namedChildren().map(([name, child]) => exportSpec(child, `${path}.${name}`)) };
  try {
    return describeModel(layer).model;
  } catch (error) {
    if (!(error instanceof MlpkitError)) throw error;
    throw new MlpkitError('exportOnnx', `${path} is ${what(layer)}; exportable: ${exportableTypes.join(', ')}`);
  }
}
