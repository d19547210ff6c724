import { MinMaxScaler, type Scaler, ScalerPipeline } from '@mlpkit/normalization';
import { MlpkitError, Generator, tensor, zeros } from '@mlpkit/tensor';
import type { Flow } from './export-layer.js';
import type { OnnxGraph } from './onnx-graph.js';

// Probes spread over both signs and many magnitudes: a scaler that clips, takes absolute
// values or otherwise bends somewhere is caught wherever that happens, not only on 0–255.
function probes(features: number): number[][] {
  const g = new Generator(0);
  return [1e-3, 1, 255, 1e4, 1e6].map((scale) => Array.from({ length: features }, () => (2 * g.random() - 1) * scale));
}

/** The scaler as y = (x − center)·M + offset, M features × outFeatures. */
interface Affine {
  center: Float64Array;
  matrix: Float64Array;
  offset: Float64Array;
  outFeatures: number;
}

/**
 * The input the scaler maps to 0 (its mean, for most), rounded to float32. Subtracting it
 * first is exact in float32 for inputs near it (Sterbenz), where x·M + b would lose a large
 * mean to rounding (years around 2024 with a spread of 2: 1e-4 off). Any center is correct,
 * since the offset is the scaler's own image of it: without an inverse, 0 does.
 */
function centerOf(scaler: Scaler, features: number, outFeatures: number): Float64Array {
  let inverse: ArrayLike<number> = [];
  try {
    inverse = scaler.inverseTransform(zeros([1, outFeatures], { dtype: 'float64' })).data;
  } catch {
    // A scaler of your own without a working inverse: center at 0.
  }
  return inverse.length === features ? Float64Array.from(inverse, (v) => (Number.isFinite(v) ? Math.fround(v) : 0)) : new Float64Array(features);
}

/**
 * The scaler as an affine map, read off the scaler itself in float64 around its center c: the
 * offset is the image of c and row i of M the image of c + eᵢ minus the offset. Every mlpkit
 * scaler but a clipping MinMaxScaler is affine (pixel ranges, z-score, min-max, robust,
 * centering, PCA, ZCA); random probes check it, so a non-affine one is refused rather than
 * exported wrong.
 */
function affineOf(scaler: Scaler, features: number): Affine {
  const outFeatures = scaler.transform(zeros([1, features], { dtype: 'float64' })).shape[1];
  const center = centerOf(scaler, features, outFeatures);
  const image = (rows: number[][]) => scaler.transform(tensor(rows.map((row) => row.map((v, i) => v + center[i])), { dtype: 'float64' })).data;
  const offset = Float64Array.from(image([Array<number>(features).fill(0)]));
  const units = image(Array.from({ length: features }, (_, i) => Array.from({ length: features }, (_, j) => (i === j ? 1 : 0))));
  const matrix = Float64Array.from(units, (v, k) => v - offset[k % outFeatures]);
  for (const probe of probes(features)) {
    const actual = image([probe]);
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
  return { center, matrix, offset, outFeatures };
}

/**
 * Sub (the center), then Mul when the affine scaler acts on each feature alone (every scaler
 * but PCA and ZCA) or MatMul otherwise, then Add (the offset); a zero center or offset is left out.
 */
function foldAffine(g: OnnxGraph, scaler: Scaler, x: Flow): Flow {
  const features = x.shape[1];
  const { center, matrix, offset, outFeatures } = affineOf(scaler, features);
  const diagonal = outFeatures === features && matrix.every((v, k) => Math.floor(k / features) === k % features || v === 0);
  const centered = center.some((v) => v !== 0) ? g.node('Sub', [x.name, g.floats('center', center)]) : x.name;
  const product = diagonal
    ? g.node('Mul', [centered, g.floats('scale', Array.from({ length: features }, (_, i) => matrix[i * features + i]))])
    : g.node('MatMul', [centered, g.floats('components', matrix, [features, outFeatures])]);
  const name = offset.some((v) => Math.fround(v) !== 0) ? g.node('Add', [product, g.floats('offset', offset)]) : product;
  return { name, shape: [x.shape[0], outFeatures] };
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
