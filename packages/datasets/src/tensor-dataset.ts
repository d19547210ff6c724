import { MlpkitError, Tensor, checkOptions, checkShape, describe, formatShape } from '@mlpkit/tensor';
import { checkNumClasses } from './class-count.js';

/** Storage for a dataset's features: one contiguous typed array, row-major, sample after sample. */
export type FeatureArray = Uint8Array | Float32Array | Float64Array | Int32Array;

/** Storage for a dataset's targets: class indices (Int32Array) or regression values (Float32Array). */
export type TargetArray = Int32Array | Float32Array;

/** What `new TensorDataset` takes besides the two arrays. */
export interface TensorDatasetOptions {
  /** Shape of one sample's features, e.g. `[28, 28]` or `[4]`. Defaults to `[features.length / n]`. */
  featureShape?: readonly number[];
  /** Shape of one sample's target: `[]` for a class label (the default for Int32Array), `[k]` for k regression outputs. */
  targetShape?: readonly number[];
  /** Number of classes when targets are labels, at most 2²⁴; every label must lie in [0, numClasses). Defaults to max label + 1. */
  numClasses?: number;
  /** A readable name per class index. */
  classNames?: readonly string[];
  /** A readable name per feature column (tabular data). */
  featureNames?: readonly string[];
}

const DATASET_OPTIONS = [
  'featureShape', 'targetShape', 'numClasses', 'classNames', 'featureNames',
] as const satisfies readonly (keyof TensorDatasetOptions)[];

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Throws unless `names`, when given, is an array of strings (a string's characters are not names). */
function checkNames(name: string, names: unknown): void {
  if (names !== undefined && !(Array.isArray(names) && names.every((n) => typeof n === 'string')))
    throw new MlpkitError('TensorDataset', `expected ${name} to be an array of strings, got ${describe(names)}`);
}

/**
 * Throws `op` naming the first NaN or infinity in a float `array` of rows of `width` values, by
 * example and position, so bad data is caught where it enters rather than blamed on training.
 * Integer storage cannot hold either and is not scanned.
 */
export function checkFinite(op: string, name: 'features' | 'targets', array: FeatureArray | TargetArray, width: number): void {
  if (!(array instanceof Float32Array || array instanceof Float64Array)) return;
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (v - v !== 0) {
      const where = width > 0 ? `example ${Math.floor(i / width)}, ${name === 'features' ? 'feature' : 'target'} ${i % width}` : `index ${i}`;
      throw new MlpkitError(op, `${name} holds ${v} at ${where} (${name}[${i}]): expected finite numbers; clean or impute the data before training`);
    }
  }
}

/**
 * N samples held as two contiguous typed arrays: features `[N, ...featureShape]` and targets
 * `[N, ...targetShape]`. No per-sample objects exist, so batching is slicing or gathering
 * rows. Label targets (Int32Array) are checked to lie in `[0, numClasses)`, and float features and
 * targets to hold no NaN or infinity (the error names the example and the feature).
 */
export class TensorDataset {
  /** Every sample's features, row after row. */
  readonly features: FeatureArray;
  /** Every sample's target, row after row. */
  readonly targets: TargetArray;
  /** Shape of one sample's features. */
  readonly featureShape: readonly number[];
  /** Shape of one sample's target (`[]` for a class label). */
  readonly targetShape: readonly number[];
  /** Number of classes for label targets, `null` for regression targets. */
  readonly numClasses: number | null;
  /** A readable name per class index, when known. */
  readonly classNames: readonly string[] | undefined;
  /** A readable name per feature column, when known. */
  readonly featureNames: readonly string[] | undefined;
  /** Number of samples. */
  readonly length: number;

  constructor(features: FeatureArray, targets: TargetArray, options: TensorDatasetOptions = {}) {
    checkOptions('TensorDataset', options, DATASET_OPTIONS);
    checkStorage(features, targets);
    checkNames('classNames', options.classNames);
    checkNames('featureNames', options.featureNames);
    const isLabels = targets instanceof Int32Array;
    const targetShape = options.targetShape ?? (isLabels ? [] : [1]);
    checkShape('TensorDataset', targetShape, 'targetShape');
    const targetWidth = size(targetShape);
    if (targetWidth === 0 || targets.length % targetWidth !== 0)
      throw new MlpkitError('TensorDataset', `targets has ${targets.length} values, not a multiple of targetShape ${formatShape(targetShape)}`);
    const n = targets.length / targetWidth;
    if (!options.featureShape && n > 0 && features.length % n !== 0)
      throw new MlpkitError('TensorDataset', `features has ${features.length} values, not a multiple of the ${n} rows targets has`);
    const featureShape = options.featureShape ?? [n === 0 ? 0 : features.length / n];
    checkShape('TensorDataset', featureShape, 'featureShape');
    if (features.length !== n * size(featureShape))
      throw new MlpkitError('TensorDataset',
        `features has ${features.length} values but targets has ${n} rows of featureShape ${formatShape(featureShape)} (needs ${n * size(featureShape)})`);
    checkFinite('TensorDataset', 'features', features, size(featureShape));
    checkFinite('TensorDataset', 'targets', targets, targetWidth);
    this.features = features;
    this.targets = targets;
    this.featureShape = Object.freeze([...featureShape]);
    this.targetShape = Object.freeze([...targetShape]);
    this.length = n;
    this.classNames = options.classNames;
    this.featureNames = options.featureNames;
    this.numClasses = isLabels ? checkLabels(targets as Int32Array, options.numClasses, options.classNames) : null;
  }

  /** Number of feature values per sample (784 for a 28×28 image). */
  get rowSize(): number {
    return size(this.featureShape);
  }

  /**
   * All features as one tensor `[N, ...featureShape]`: zero-copy for float32/float64/int32
   * storage, converted to float32 for Uint8Array storage (raw 0..255 values).
   */
  x(): Tensor {
    const data = this.features instanceof Uint8Array ? Float32Array.from(this.features) : this.features;
    return new Tensor(data, [this.length, ...this.featureShape]);
  }

  /** All targets as one tensor `[N, ...targetShape]` (int32 labels or float32 values), zero-copy. */
  y(): Tensor {
    return new Tensor(this.targets, [this.length, ...this.targetShape]);
  }

  /** A new dataset holding the rows at `indices`, in that order, copied into fresh contiguous arrays. */
  subset(indices: ArrayLike<number>): TensorDataset {
    const row = this.rowSize, width = size(this.targetShape);
    const features = new (this.features.constructor as new (n: number) => FeatureArray)(indices.length * row);
    const targets = new (this.targets.constructor as new (n: number) => TargetArray)(indices.length * width);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i];
      if (!Number.isInteger(r) || r < 0 || r >= this.length)
        throw new MlpkitError('subset', `indices[${i}] must be an integer in [0, ${this.length}), got ${r}`);
      features.set(this.features.subarray(r * row, (r + 1) * row), i * row);
      targets.set(this.targets.subarray(r * width, (r + 1) * width), i * width);
    }
    return new TensorDataset(features, targets, this.options());
  }

  /**
   * A copy with float32 features, each value passed through `fn` (identity by default), e.g.
   * `(v) => v / 127.5 - 1` to map pixels to [-1, 1] once up front.
   */
  toFloat32(fn?: (value: number) => number): TensorDataset {
    const src = this.features;
    const out = new Float32Array(src.length);
    if (fn) for (let i = 0; i < src.length; i++) out[i] = fn(src[i]);
    else out.set(src);
    return new TensorDataset(out, this.targets, this.options());
  }

  /** How many samples each class has (label targets only). */
  classCounts(): Int32Array {
    if (this.numClasses === null) throw new MlpkitError('classCounts', 'targets are regression values, not class labels');
    const counts = new Int32Array(this.numClasses);
    for (const label of this.targets as Int32Array) counts[label]++;
    return counts;
  }

  private options(): TensorDatasetOptions {
    return {
      featureShape: this.featureShape,
      targetShape: this.targetShape,
      numClasses: this.numClasses ?? undefined,
      classNames: this.classNames,
      featureNames: this.featureNames,
    };
  }
}

/** Throws `op` unless `value` is a TensorDataset, naming what it got instead. */
export function checkDataset(op: string, value: unknown): asserts value is TensorDataset {
  if (!(value instanceof TensorDataset)) throw new MlpkitError(op, `expected dataset to be a TensorDataset, got ${describe(value)}`);
}

/** Throws unless the two arrays are storage a dataset can hold (see {@link FeatureArray} and {@link TargetArray}). */
function checkStorage(features: unknown, targets: unknown): void {
  if (!(features instanceof Uint8Array || features instanceof Float32Array || features instanceof Float64Array || features instanceof Int32Array))
    throw new MlpkitError('TensorDataset', `expected features in a Uint8Array, Float32Array, Float64Array or Int32Array, got ${describe(features)}`);
  if (!(targets instanceof Int32Array || targets instanceof Float32Array))
    throw new MlpkitError('TensorDataset', `expected targets in an Int32Array (labels) or a Float32Array (values), got ${describe(targets)}`);
}

function checkLabels(labels: Int32Array, numClasses: number | undefined, classNames: readonly string[] | undefined): number {
  let max = -1;
  for (const v of labels) if (v > max) max = v;
  const classes = numClasses ?? classNames?.length ?? max + 1;
  checkNumClasses('TensorDataset', classes, numClasses === undefined && !classNames ? 'numClasses (the largest label + 1)' : 'numClasses');
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= classes)
      throw new MlpkitError('TensorDataset', `labels must lie in [0, ${classes}), got labels[${i}] = ${labels[i]}`);
  }
  if (classNames && classNames.length !== classes)
    throw new MlpkitError('TensorDataset', `classNames has ${classNames.length} names but numClasses is ${classes}`);
  return classes;
}
