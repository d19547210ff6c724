import type { Scaler } from '@mlpkit/normalization';
import { MlpkitError, Generator, tensor, zeros } from '@mlpkit/tensor';

/**
 * A scaler read as y = (x − center)·M + offset, for one sample of shape `inShape` (no batch
 * dim): `scale` is M's diagonal when it acts on each value alone, else `matrix` is all of M
 * (features × outFeatures, for inputs [N, features] only).
 */
export type ScalerAffine = {
  inShape: readonly number[];
  outShape: readonly number[];
  center: Float64Array;
  offset: Float64Array;
} & ({ scale: Float64Array } | { matrix: Float64Array });

// Probes spread over both signs and many magnitudes: a scaler that clips, takes absolute
// values or otherwise bends somewhere is caught wherever that happens, not only on 0–255.
function probes(size: number): number[][] {
  const g = new Generator(0);
  return [1e-3, 1, 255, 1e4, 1e6].map((scale) => Array.from({ length: size }, () => (2 * g.random() - 1) * scale));
}

/**
 * The input the scaler maps to 0 (its mean, for most), rounded to float32. Subtracting it
 * first is exact in float32 for inputs near it (Sterbenz), where x·M + b would lose a large
 * mean to rounding (years around 2024 with a spread of 2: 1e-4 off). Any center is correct,
 * since the offset is the scaler's own image of it: without an inverse, 0 does.
 */
function centerOf(scaler: Scaler, inShape: readonly number[], outShape: readonly number[]): Float64Array {
  const size = inShape.reduce((a, b) => a * b, 1);
  let inverse: ArrayLike<number> = [];
  try {
    inverse = scaler.inverseTransform(zeros([1, ...outShape], { dtype: 'float64' })).data;
  } catch {
    // A scaler of your own without a working inverse: center at 0.
  }
  return inverse.length === size ? Float64Array.from(inverse, (v) => (Number.isFinite(v) ? Math.fround(v) : 0)) : new Float64Array(size);
}

/**
 * Whether the scaler's image of center + p is offset + `linear(p)` on every probe p, up to
 * float64 rounding; `linear(p, j)` gives output j's value and the sum of its terms' magnitudes.
 */
function matches(image: (rows: number[][]) => ArrayLike<number>, offset: Float64Array, size: number, linear: (p: number[], j: number) => [number, number]): boolean {
  return probes(size).every((probe) => {
    const actual = image([probe]);
    return Array.from(offset).every((b, j) => {
      const [value, magnitude] = linear(probe, j);
      return Math.abs(b + value - actual[j]) <= 1e-9 * (magnitude + Math.abs(b) + Math.abs(actual[j])) + 1e-12;
    });
  });
}

/**
 * The scaler as an affine map, read off the scaler itself in float64 around its center c:
 * the offset is the image of c, the scale the image of c + 1 minus the offset when that
 * explains every probe, else (inputs [N, features]) row i of M the image of c + eᵢ minus the
 * offset. Every mlpkit scaler but a clipping MinMaxScaler is affine (pixel ranges, Normalize,
 * z-score, min-max, robust, centering, PCA, ZCA); one that is not is refused rather than
 * exported wrong.
 */
export function scalerAffine(scaler: Scaler, inShape: readonly number[]): ScalerAffine {
  const size = inShape.reduce((a, b) => a * b, 1);
  const outShape = scaler.transform(zeros([1, ...inShape], { dtype: 'float64' })).shape.slice(1);
  const outSize = outShape.reduce((a, b) => a * b, 1);
  const center = centerOf(scaler, inShape, outShape);
  const image = (rows: number[][]) =>
    scaler.transform(tensor(rows.flatMap((row) => row.map((v, i) => v + center[i])), { shape: [rows.length, ...inShape], dtype: 'float64' })).data;
  const offset = Float64Array.from(image([Array<number>(size).fill(0)]));
  const common = { inShape, outShape, center, offset };
  if (outShape.length === inShape.length && outShape.every((d, i) => d === inShape[i])) {
    const scale = Float64Array.from(image([Array<number>(size).fill(1)]), (v, j) => v - offset[j]);
    if (matches(image, offset, size, (p, j) => [p[j] * scale[j], Math.abs(p[j] * scale[j])])) return { ...common, scale };
  }
  if (inShape.length !== 1)
    throw new MlpkitError('exportOnnx', `the ${scaler.type} is not an affine map of each value alone, so it cannot be folded in front of inputs [N, ${inShape.join(', ')}]`);
  const units = image(Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? 1 : 0))));
  const matrix = Float64Array.from(units, (v, k) => v - offset[k % outSize]);
  const linear = (p: number[], j: number): [number, number] => {
    let value = 0, magnitude = 0;
    p.forEach((v, i) => {
      value += v * matrix[i * outSize + j];
      magnitude += Math.abs(v * matrix[i * outSize + j]);
    });
    return [value, magnitude];
  };
  if (!matches(image, offset, size, linear)) throw new MlpkitError('exportOnnx', `the ${scaler.type} is not an affine map of its inputs, so it cannot be folded into the graph`);
  return { ...common, matrix };
}
