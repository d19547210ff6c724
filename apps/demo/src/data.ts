import { TensorDataset, trainValTestSplit } from '@mlpkit/datasets';
import { loadFashionMnist } from '@mlpkit/datasets/node';
import { PixelScaler, type Scaler, StandardScaler } from '@mlpkit/normalization';
import { Tensor } from '@mlpkit/tensor';

/** 'pixels': x/127.5 − 1 into [-1, 1] (the recipe); 'minmax': x/255 into [0, 1]; 'zscore': per pixel; 'none': raw 0..255. */
export type Normalization = 'pixels' | 'minmax' | 'zscore' | 'none';

/** How the demo prepares Fashion-MNIST. */
export interface DataOptions {
  normalize: Normalization;
  /** Use only the first N training images; all 60 000 when undefined. */
  limit?: number;
  /** Seed of the train/validation split. */
  seed: number;
  /** Use only the first N test images (smoke runs); all 10 000 when undefined. */
  testLimit?: number;
  /** Share of the training images held out for validation; 0 = none (train on all, as the recipe does). */
  valFraction: number;
}

/** Prepared data: flattened float32 features [N, 784] and the fitted scaler (null for 'none'). */
export interface PreparedData {
  train: TensorDataset;
  val: TensorDataset | null;
  test: TensorDataset;
  scaler: Scaler | null;
  classNames: readonly string[];
}

// Experiments prepare the same images several ways; the files are read once per process.
const raw = new Map<'train' | 'test', Promise<TensorDataset>>();
function fashionMnist(split: 'train' | 'test'): Promise<TensorDataset> {
  if (!raw.has(split)) raw.set(split, loadFashionMnist(split));
  return raw.get(split) as Promise<TensorDataset>;
}

function firstRows(ds: TensorDataset, n: number | undefined): TensorDataset {
  if (n === undefined || n >= ds.length) return ds;
  return ds.subset(Int32Array.from({ length: n }, (_, i) => i));
}

/** Applies `scaler` (or a plain float conversion) and flattens each image to 784 features. */
function scaled(ds: TensorDataset, scaler: Scaler | null): TensorDataset {
  const x = new Tensor(Float32Array.from(ds.features), [ds.length, ds.rowSize]);
  const out = scaler ? scaler.transform(x) : x;
  return new TensorDataset(out.data as Float32Array, ds.targets, {
    featureShape: [ds.rowSize], numClasses: ds.numClasses ?? undefined, classNames: ds.classNames,
  });
}

function makeScaler(normalize: Normalization, train: TensorDataset): Scaler | null {
  if (normalize === 'pixels') return new PixelScaler({ featureRange: [-1, 1] });
  if (normalize === 'minmax') return new PixelScaler({ featureRange: [0, 1] });
  if (normalize === 'zscore') return new StandardScaler().fit(new Tensor(Float32Array.from(train.features), [train.length, train.rowSize]));
  return null;
}

/**
 * Loads Fashion-MNIST (from /usr/share/datasets/fashion-mnist when installed, else the cache or
 * a download), optionally splits a stratified validation set off the training images, and fits
 * the scaler on the training part only.
 */
export async function loadData(options: DataOptions): Promise<PreparedData> {
  const full = firstRows(await fashionMnist('train'), options.limit);
  const test = firstRows(await fashionMnist('test'), options.testLimit);
  const { train, val } = options.valFraction > 0
    ? trainValTestSplit(full, [1 - options.valFraction, options.valFraction, 0], { stratify: true, seed: options.seed })
    : { train: full, val: null };
  const scaler = makeScaler(options.normalize, train);
  return {
    train: scaled(train, scaler), val: val && scaled(val, scaler), test: scaled(test, scaler), scaler,
    classNames: full.classNames ?? Array.from({ length: 10 }, (_, i) => String(i)),
  };
}
