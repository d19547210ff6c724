import { type Generator, MlpkitError, allocate, checkAllocation, checkOptions } from '@mlpkit/tensor';
import { checkNumClasses } from './class-count.js';
import { SEED_OPTIONS, type SeedOptions, checkInteger, range, resolveGenerator, shuffleInPlace } from './random-options.js';
import { TensorDataset } from './tensor-dataset.js';

/** Options every toy classification generator takes. */
export interface ToyOptions extends SeedOptions {
  /** Total number of points (default 100). */
  nSamples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0; spirals: to the angle). */
  noise?: number;
  /** Shuffle the rows (default true); false keeps them grouped by class. */
  shuffle?: boolean;
}

const TOY_OPTIONS = [...SEED_OPTIONS, 'nSamples', 'noise', 'shuffle'] as const satisfies readonly (keyof ToyOptions)[];

type Point = (i: number, count: number, g: Generator) => number[];

/**
 * Builds a dataset from per-class point functions (class k gets `counts[k]` points), adding
 * Gaussian noise of std `noise` to every coordinate.
 */
function build(op: string, options: ToyOptions, g: Generator, noise: number, counts: number[], points: Point[], dims = 2): TensorDataset {
  if (!(noise >= 0)) throw new MlpkitError(op, `noise must be >= 0, got ${noise}`);
  const n = counts.reduce((a, b) => a + b, 0);
  // Through the one bound on tensors: nSamples 1e12 is an error that says so, not a RangeError.
  const x = allocate('float32', n * dims, op);
  const y = allocate('int32', n, op);
  let row = 0;
  counts.forEach((count, k) => {
    for (let i = 0; i < count; i++, row++) {
      const p = points[k](i, count, g);
      for (let d = 0; d < dims; d++) x[row * dims + d] = p[d] + (noise > 0 ? noise * g.normal() : 0);
      y[row] = k;
    }
  });
  const ds = new TensorDataset(x, y, { featureShape: [dims], numClasses: counts.length });
  return options.shuffle === false ? ds : ds.subset(shuffleInPlace(range(n), g));
}

function samples(op: string, options: ToyOptions): number {
  const n = options.nSamples ?? 100;
  checkInteger(op, 'nSamples', n, 1);
  return n;
}

const halves = (n: number): number[] => [Math.floor(n / 2), n - Math.floor(n / 2)];

/** Two interleaving half circles (scikit-learn's make_moons): label 0 the upper moon, 1 the lower. */
export function makeMoons(options: ToyOptions = {}): TensorDataset {
  checkOptions('makeMoons', options, TOY_OPTIONS);
  const [a, b] = halves(samples('makeMoons', options));
  const t = (i: number, count: number): number => (count > 1 ? (Math.PI * i) / (count - 1) : 0);
  return build('makeMoons', options, resolveGenerator('makeMoons', options), options.noise ?? 0, [a, b], [
    (i, c) => [Math.cos(t(i, c)), Math.sin(t(i, c))],
    (i, c) => [1 - Math.cos(t(i, c)), 0.5 - Math.sin(t(i, c))],
  ]);
}

/** A small circle (label 1, radius `factor`, default 0.8) inside a unit circle (label 0), like make_circles. */
export function makeCircles(options: ToyOptions & { factor?: number } = {}): TensorDataset {
  checkOptions('makeCircles', options, [...TOY_OPTIONS, 'factor']);
  const factor = options.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) throw new MlpkitError('makeCircles', `factor must lie in (0, 1), got ${factor}`);
  const [a, b] = halves(samples('makeCircles', options));
  const at = (i: number, c: number, r: number): number[] => [r * Math.cos((2 * Math.PI * i) / c), r * Math.sin((2 * Math.PI * i) / c)];
  return build('makeCircles', options, resolveGenerator('makeCircles', options), options.noise ?? 0, [a, b], [(i, c) => at(i, c, 1), (i, c) => at(i, c, factor)]);
}

/**
 * `nClasses` (default 3) interleaved spiral arms in 2-D, each turning `turns` times (default
 * 0.75) from the centre to radius 1; `noise` (default 0.2) jitters the angle in radians.
 */
export function makeSpirals(options: ToyOptions & { nClasses?: number; turns?: number } = {}): TensorDataset {
  checkOptions('makeSpirals', options, [...TOY_OPTIONS, 'nClasses', 'turns']);
  const n = samples('makeSpirals', options);
  const k = options.nClasses ?? 3;
  checkInteger('makeSpirals', 'nClasses', k, 2);
  checkNumClasses('makeSpirals', k, 'nClasses');
  const turns = options.turns ?? 0.75;
  const noise = options.noise ?? 0.2;
  if (!(noise >= 0)) throw new MlpkitError('makeSpirals', `noise must be >= 0, got ${noise}`);
  const counts = Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
  const arm = (c: number): Point => (i, count, g) => {
    const r = count > 1 ? i / (count - 1) : 0;
    const angle = (2 * Math.PI * c) / k + 2 * Math.PI * turns * r + noise * g.normal();
    return [r * Math.cos(angle), r * Math.sin(angle)];
  };
  return build('makeSpirals', options, resolveGenerator('makeSpirals', options), 0, counts, counts.map((_, c) => arm(c)));
}

/** Points uniform in [-1, 1]², labelled 1 where exactly one coordinate is positive (XOR), else 0. */
export function makeXor(options: ToyOptions = {}): TensorDataset {
  checkOptions('makeXor', options, TOY_OPTIONS);
  const n = samples('makeXor', options);
  const g = resolveGenerator('makeXor', options);
  const noise = options.noise ?? 0;
  if (!(noise >= 0)) throw new MlpkitError('makeXor', `noise must be >= 0, got ${noise}`);
  const x = allocate('float32', 2 * n, 'makeXor');
  const y = allocate('int32', n, 'makeXor');
  for (let i = 0; i < n; i++) {
    const a = 2 * g.random() - 1, b = 2 * g.random() - 1;
    y[i] = (a > 0) !== (b > 0) ? 1 : 0;
    x[2 * i] = a + (noise > 0 ? noise * g.normal() : 0);
    x[2 * i + 1] = b + (noise > 0 ? noise * g.normal() : 0);
  }
  return new TensorDataset(x, y, { featureShape: [2], numClasses: 2 });
}

/** Options of `makeBlobs`, after scikit-learn's make_blobs. */
export interface BlobOptions extends ToyOptions {
  /** Number of centres (drawn uniformly in `centerBox`), or the centres themselves. Default 3. */
  centers?: number | readonly (readonly number[])[];
  /** Dimensions when centres are drawn (default 2). */
  nFeatures?: number;
  /** Standard deviation of each blob (default 1). */
  clusterStd?: number;
  /** The box centres are drawn from (default [-10, 10]). */
  centerBox?: readonly [number, number];
}

const BLOB_OPTIONS = [...TOY_OPTIONS, 'centers', 'nFeatures', 'clusterStd', 'centerBox'] as const satisfies readonly (keyof BlobOptions)[];

/** Isotropic Gaussian blobs, one class per centre, points split as evenly as possible. */
export function makeBlobs(options: BlobOptions = {}): TensorDataset {
  checkOptions('makeBlobs', options, BLOB_OPTIONS);
  const n = samples('makeBlobs', options);
  const g = resolveGenerator('makeBlobs', options);
  const std = options.clusterStd ?? 1;
  if (!(std >= 0)) throw new MlpkitError('makeBlobs', `clusterStd must be >= 0, got ${std}`);
  let centers: number[][];
  if (typeof options.centers === 'object') {
    centers = options.centers.map((c) => [...c]);
    if (centers.length === 0 || centers.some((c) => c.length !== centers[0].length))
      throw new MlpkitError('makeBlobs', `centers must be a non-empty list of equal-length points, got ${JSON.stringify(options.centers)}`);
  } else {
    const k = options.centers ?? 3, dims = options.nFeatures ?? 2;
    checkInteger('makeBlobs', 'centers', k, 1);
    checkNumClasses('makeBlobs', k, 'centers');
    checkInteger('makeBlobs', 'nFeatures', dims, 1);
    // Before the centres are drawn: nFeatures 1e12 would otherwise fail inside Array.from.
    checkAllocation('makeBlobs', 'float32', n * dims);
    const [lo, hi] = options.centerBox ?? [-10, 10];
    centers = Array.from({ length: k }, () => Array.from({ length: dims }, () => lo + (hi - lo) * g.random()));
  }
  const k = centers.length;
  const counts = centers.map((_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
  const blob = (c: number): Point => (_i, _n, gen) => centers[c].map((v) => v + std * gen.normal());
  return build('makeBlobs', options, g, 0, counts, centers.map((_, c) => blob(c)), centers[0].length);
}
