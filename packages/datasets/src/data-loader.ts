import { Generator, MlpkitError, Tensor, checkBoolean, checkOptions, checkTensor, describe, uninitializedFloat32 } from '@mlpkit/tensor';
import { SEED_OPTIONS, type SeedOptions, checkInteger, range, resolveGenerator, shuffleInPlace } from './random-options.js';
import { type FeatureArray, type TargetArray, type TensorDataset, checkDataset, checkFinite } from './tensor-dataset.js';

/** One batch: features `[B, ...featureShape]`, targets `[B, ...targetShape]`, and which rows they are. */
export interface Batch {
  /** Features `[B, ...featureShape]` (after `transform`). */
  x: Tensor;
  /** Targets `[B, ...targetShape]` (after `targetTransform`). */
  y: Tensor;
  /** The dataset rows in this batch, in order. */
  indices: Int32Array;
}

/** How a DataLoader batches. PyTorch's names and defaults. */
export interface DataLoaderOptions extends SeedOptions {
  /** Samples per batch (default 1, as in PyTorch). */
  batchSize?: number;
  /** Visit rows in a new random order every epoch (default false). */
  shuffle?: boolean;
  /** Skip the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Applied to each batch's `x`, e.g. `(x) => x.div(127.5).sub(1)`. */
  transform?: (x: Tensor) => Tensor;
  /** Applied to each batch's `y`. */
  targetTransform?: (y: Tensor) => Tensor;
}

const LOADER_OPTIONS = [
  ...SEED_OPTIONS, 'batchSize', 'shuffle', 'dropLast', 'transform', 'targetTransform',
] as const satisfies readonly (keyof DataLoaderOptions)[];

/** Maps (seed, epoch) to one generator seed; odd multiplier so distinct epochs never collide. */
const epochSeed = (seed: number, epoch: number): number => (seed + Math.imul(epoch + 1, 0x2545f491)) >>> 0;

/**
 * Iterates a TensorDataset in batches, one epoch per `for..of`. Batches are cut from the
 * dataset's contiguous arrays: without shuffling, a batch of float32/float64/int32 features is
 * a zero-copy view; with shuffling, its rows are gathered into one fresh buffer. Uint8 features
 * (raw pixels) become float32 batches holding the raw 0..255 values.
 *
 * Shuffling is seeded: the order of epoch `e` depends only on (`seed`, `e`), so the same seed
 * replays the same run. Without `seed`, one is drawn from `generator` (or the global one) once.
 */
export class DataLoader implements Iterable<Batch> {
  /** The dataset batches are cut from. */
  readonly dataset: TensorDataset;
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether each epoch visits rows in a new seeded order. */
  readonly shuffle: boolean;
  /** Whether a short last batch is skipped. */
  readonly dropLast: boolean;
  /** The seed every epoch's order derives from. */
  readonly seed: number;
  private readonly transform: ((x: Tensor) => Tensor) | undefined;
  private readonly targetTransform: ((y: Tensor) => Tensor) | undefined;
  /** The epoch the next `for..of` runs; advanced by each iteration started. */
  epoch = 0;

  constructor(dataset: TensorDataset, options: DataLoaderOptions = {}) {
    checkOptions('DataLoader', options, LOADER_OPTIONS);
    checkDataset('DataLoader', dataset);
    const batchSize = options.batchSize ?? 1;
    checkInteger('DataLoader', 'batchSize', batchSize, 1);
    if (dataset.length === 0) throw new MlpkitError('DataLoader', 'dataset is empty: dataset.length is 0');
    // The arrays may have been written to since the dataset was made: look again.
    checkFinite('DataLoader', 'features', dataset.features, dataset.rowSize);
    checkFinite('DataLoader', 'targets', dataset.targets, dataset.targets.length / dataset.length);
    this.dataset = dataset;
    this.batchSize = batchSize;
    if (options.shuffle !== undefined) checkBoolean('DataLoader', 'shuffle', options.shuffle);
    if (options.dropLast !== undefined) checkBoolean('DataLoader', 'dropLast', options.dropLast);
    for (const name of ['transform', 'targetTransform'] as const)
      if (options[name] !== undefined && typeof options[name] !== 'function')
        throw new MlpkitError('DataLoader', `${name}: expected a function of a batch tensor, got ${describe(options[name])}`);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    if (options.seed !== undefined && options.generator === undefined) {
      checkInteger('DataLoader', 'seed', options.seed, Number.MIN_SAFE_INTEGER);
      this.seed = options.seed >>> 0;
    } else {
      this.seed = resolveGenerator('DataLoader', options).nextUint32();
    }
    this.transform = options.transform;
    this.targetTransform = options.targetTransform;
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The row order of `epoch`: 0..N-1 without shuffling, else a permutation fixed by (seed, epoch). */
  order(epoch: number): Int32Array {
    const rows = range(this.dataset.length);
    return this.shuffle ? shuffleInPlace(rows, new Generator(epochSeed(this.seed, epoch))) : rows;
  }

  /** Runs the next epoch (`this.epoch`, then advances it). */
  [Symbol.iterator](): Iterator<Batch> {
    return this.iterEpoch(this.epoch++);
  }

  /** The batches of one given epoch, without touching `this.epoch`. */
  *iterEpoch(epoch: number): IterableIterator<Batch> {
    checkInteger('DataLoader', 'epoch', epoch, 0);
    const order = this.order(epoch);
    const count = this.length;
    for (let b = 0; b < count; b++) {
      const start = b * this.batchSize;
      yield this.batch(order.subarray(start, Math.min(start + this.batchSize, order.length)), start);
    }
  }

  private batch(indices: Int32Array, start: number): Batch {
    const ds = this.dataset;
    const rowSize = ds.rowSize;
    const targetWidth = ds.targets.length / ds.length;
    const n = indices.length;
    let xs: Exclude<FeatureArray, Uint8Array>;
    let ys: TargetArray;
    if (!this.shuffle) {
      const fs = ds.features.subarray(start * rowSize, (start + n) * rowSize);
      xs = fs instanceof Uint8Array ? Float32Array.from(fs) : fs;
      ys = ds.targets.subarray(start * targetWidth, (start + n) * targetWidth);
    } else {
      // gatherRows writes every element, so a float32 batch skips the zero fill (uninitializedFloat32).
      xs = ds.features instanceof Uint8Array ? new Float32Array(n * rowSize)
        : ds.features instanceof Float32Array ? uninitializedFloat32(n * rowSize)
          : new (ds.features.constructor as new (n: number) => typeof xs)(n * rowSize);
      ys = new (ds.targets.constructor as new (n: number) => TargetArray)(n * targetWidth);
      gatherRows(ds.features, rowSize, indices, xs);
      gatherRows(ds.targets, targetWidth, indices, ys);
    }
    let x = new Tensor(xs, [n, ...ds.featureShape]);
    let y = new Tensor(ys, [n, ...ds.targetShape]);
    if (this.transform) checkTensor('DataLoader', (x = this.transform(x)), 'the result of transform');
    if (this.targetTransform) checkTensor('DataLoader', (y = this.targetTransform(y)), 'the result of targetTransform');
    return { x, y, indices };
  }
}

/** Copies rows `indices` of `src` (rows of `width` values) into consecutive rows of `dst`. */
function gatherRows(src: FeatureArray | TargetArray, width: number, indices: Int32Array, dst: FeatureArray | TargetArray): void {
  if (width === 1) {
    for (let i = 0; i < indices.length; i++) dst[i] = src[indices[i]];
    return;
  }
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i] * width;
    dst.set(src.subarray(r, r + width), i * width);
  }
}
