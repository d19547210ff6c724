import { MinMaxScaler, type Scaler, ScalerPipeline } from '@mlpkit/normalization';
import { MlpkitError, Generator, eye, tensor, zeros } from '@mlpkit/tensor';
import type { Flow } from './export-layer.js';
import type { OnnxGraph } from './onnx-graph.js';

// Probes spread over both signs and many magnitudes: a scaler that clips, takes absolute
// values or otherwise bends somewhere is caught wherever that happens, not only on 0–255.
function probes(features: number): number[][] {
  const g = new Generator(0);
  return [1e-3, 1, 255, 1e4, 1e6].map((scale) => Array.from({ length: features }, () => (2 * g.random() - 1) * scale));
}

/**
 * The scaler as an affine map y = x·M + b, read off the scaler itself in float64: b is the
 * image of 0 and row i of M the image of the i-th unit vector minus b. Every mlpkit scaler
 * but a clipping MinMaxScaler is affine (pixel ranges, z-score, min-max, robust, centering,
 * PCA, ZCA); random probes check it, so a non-affine one is refused rather than exported wrong.
 */
function affineOf(scaler: Scaler, features: number): { matrix: Float64Array; offset: Float64Array; outFeatures: number } {
  const offset = Float64Array.from(scaler.transform(zeros([1, features], { dtype: 'float64' })).data);
  const images = scaler.transform(eye(features, features, { dtype: 'float64' })).data;
  const outFeatures = offset.length;
  const matrix = new Float64Array(features * outFeatures);
  for (let i = 0; i < features; i++) for (let j = 0; j < outFeatures; j++) matrix[i * outFeatures + j] = images[i * outFeatures + j] - offset[j];
  for (const probe of probes(features)) {
    const actual = scaler.transform(tensor([probe], { dtype: 'float64' })).data;
    for (let j = 0; j < outFeatures; j++) {
      let expected = offset[j], size = Math.abs(offset[j]);
      for (let i = 0; i < features; i++) {
        expected += probe[i] * matrix[i * outFeatures + j];
        size += Math.abs(probe[i] * matrix[i * outFeatures + j]);
      }
      if (!(Math.abs(expected - actual[j]) <= 1e-9 * (size + Math.abs(actual[j])) + 1e-12))
        throw new MlpkitError('exportOnnx', `the ${scaler.type} is not an affine map of its inputs, so it cannot be folded into the graph`);
    }
  }
  return { matrix, offset, outFeatures };
}

/** Mul and Add when the affine scaler acts on each feature alone (every scaler but PCA and ZCA), MatMul and Add otherwise. */
function foldAffine(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  const features = x.shape[1];
  const { matrix, offset, outFeatures } = affineOf(scaler, features);
  const diagonal = outFeatures === features && matrix.every((v, k) => Math.floor(k / features) === k % features || v === 0);
  const product = diagonal
    ? g.node('Mul', [x.name, g.floats('scale', Array.from({ length: features }, (_, i) => matrix[i * features + i]))])
    : g.node('MatMul', [x.name, g.floats('components', matrix, [features, outFeatures])]);
  return { name: g.node('Add', [product, g.floats('offset', offset)]), shape: [x.shape[0], outFeatures] };
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
 * each step as its affine map, followed by Clip for a MinMaxScaler with `clip: true`.
 */
export function foldScaler(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  if (!scaler.fitted) throw new MlpkitError('exportOnnx', `the ${scaler.type} is not fitted: fit it before exporting`);
  if (x.shape.length !== 2) throw new MlpkitError('exportOnnx', `a scaler is folded in for inputs [N, features], got inputShape [${x.shape.join(', ')}]`);
  if (scaler instanceof ScalerPipeline) return scaler.steps.reduce((flow, step) => foldScaler(g, step, flow), x);
  if (scaler instanceof MinMaxScaler && scaler.clip) return foldClippingMinMax(g, scaler, x);
  return foldAffine(g, scaler, x);
}
