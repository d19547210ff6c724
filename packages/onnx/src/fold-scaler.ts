import { MinMaxScaler, type Scaler, ScalerPipeline } from '@mlpkit/normalization';
import { MlpkitError } from '@mlpkit/tensor';
import type { Flow } from './export-layer.js';
import type { OnnxGraph } from './onnx-graph.js';
import { scalerAffine } from './scaler-affine.js';

/**
 * Sub (the center), then Mul when the affine scaler acts on each value alone (every scaler
 * but PCA and ZCA) or MatMul otherwise, then Add (the offset); a zero center or offset is left out.
 */
function foldAffine(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  const a = scalerAffine(scaler, x.shape.slice(1));
  const centered = a.center.some((v) => v !== 0) ? g.node('Sub', [x.name, g.floats('center', a.center, a.inShape)]) : x.name;
  const product = 'scale' in a
    ? g.node('Mul', [centered, g.floats('scale', a.scale, a.inShape)])
    : g.node('MatMul', [centered, g.floats('components', a.matrix, [...a.inShape, ...a.outShape])]);
  const name = a.offset.some((v) => Math.fround(v) !== 0) ? g.node('Add', [product, g.floats('offset', a.offset, a.outShape)]) : product;
  return { name, shape: [x.shape[0], ...a.outShape] };
}

/** A clipping MinMaxScaler: its affine map (the same scaler with clip off), then Clip to its featureRange. */
function foldClippingMinMax(g: OnnxGraph, scaler: MinMaxScaler, x: Flow): Flow {
  const json = scaler.toJSON();
  const y = foldAffine(g, MinMaxScaler.fromJSON({ ...json, config: { ...json.config, clip: false } }), x);
  const [low, high] = scaler.featureRange;
  return { name: g.node('Clip', [y.name, g.floats('low', [low], []), g.floats('high', [high], [])]), shape: y.shape };
}

/**
 * Nodes in front of the model that apply `scaler` to the raw input: a pipeline step by step,
 * each step as its affine map, followed by Clip for a MinMaxScaler with `clip: true`. Inputs
 * of more than 2 dims (images) take scalers that act on each value alone (PixelScaler, Normalize).
 */
export function foldScaler(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  if (!scaler.fitted) throw new MlpkitError('exportOnnx', `the ${scaler.type} is not fitted: fit it before exporting`);
  if (scaler instanceof ScalerPipeline) return scaler.steps.reduce((flow, step) => foldScaler(g, step, flow), x);
  if (scaler instanceof MinMaxScaler && scaler.clip) return foldClippingMinMax(g, scaler, x);
  return foldAffine(g, scaler, x);
}
