import type { Scaler } from '@mlpkit/normalization';
import { MlpkitError, Generator, eye, tensor, zeros } from '@mlpkit/tensor';
import type { Flow } from './export-layer.js';
import type { OnnxGraph } from './onnx-graph.js';

/**
 * The scaler as an affine map y = x·M + b, read off the scaler itself in float64: b is the
 * image of 0 and row i of M the image of the i-th unit vector minus b. Every mlpkit scaler is
 * affine (pixel ranges, z-score, min-max, robust, centering, PCA, ZCA and pipelines of them);
 * a random probe checks it, so a non-affine one is refused rather than exported wrong.
 */
function affineOf(scaler: Scaler, features: number): { matrix: Float64Array; offset: Float64Array; outFeatures: number } {
  const offset = Float64Array.from(scaler.transform(zeros([1, features], { dtype: 'float64' })).data);
  const images = scaler.transform(eye(features, features, { dtype: 'float64' })).data;
  const outFeatures = offset.length;
  const matrix = new Float64Array(features * outFeatures);
  for (let i = 0; i < features; i++) for (let j = 0; j < outFeatures; j++) matrix[i * outFeatures + j] = images[i * outFeatures + j] - offset[j];
  const g = new Generator(0);
  const probe = Array.from({ length: features }, () => g.random() * 255);
  const actual = scaler.transform(tensor([probe], { dtype: 'float64' })).data;
  for (let j = 0; j < outFeatures; j++) {
    let expected = offset[j];
    for (let i = 0; i < features; i++) expected += probe[i] * matrix[i * outFeatures + j];
    if (Math.abs(expected - actual[j]) > 1e-6 * (1 + Math.abs(actual[j])))
      throw new MlpkitError('exportOnnx', `the ${scaler.type} is not an affine map of its inputs, so it cannot be folded into the graph`);
  }
  return { matrix, offset, outFeatures };
}

/**
 * Nodes in front of the model that apply `scaler` to the raw input: Mul and Add when it acts
 * on each feature alone (every scaler but PCA and ZCA), MatMul and Add otherwise.
 */
export function foldScaler(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  if (!scaler.fitted) throw new MlpkitError('exportOnnx', `the ${scaler.type} is not fitted: fit it before exporting`);
  if (x.shape.length !== 2) throw new MlpkitError('exportOnnx', `a scaler is folded in for inputs [N, features], got inputShape [${x.shape.join(', ')}]`);
  const features = x.shape[1];
  const { matrix, offset, outFeatures } = affineOf(scaler, features);
  const diagonal = outFeatures === features && matrix.every((v, k) => Math.floor(k / features) === k % features || v === 0);
  const product = diagonal
    ? g.node('Mul', [x.name, g.floats('scale', Array.from({ length: features }, (_, i) => matrix[i * features + i]))])
    : g.node('MatMul', [x.name, g.floats('components', matrix, [features, outFeatures])]);
  return { name: g.node('Add', [product, g.floats('offset', offset)]), shape: [x.shape[0], outFeatures] };
}
