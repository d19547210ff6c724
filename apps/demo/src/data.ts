import { TensorDataset, trainValTestSplit } from '@mlpkit/datasets';
import { loadFashionMnist } from '@mlpkit/datasets/node';
import { PixelScaler, type Scaler, StandardScaler } from '@mlpkit/normalization';
import { Tensor } from '@mlpkit/tensor';

/** How the demo prepares Fashion-MNIST. */
export interface DataOptions {
  /** 'pixels' maps 0..255 to [-1, 1] (x/127.5 − 1, the slides' recipe); 'zscore' standardizes per pixel; 'none' keeps raw 0..255. */
  normalize: 'pixels' | 'zscore' | 'none';
  /** Use only this many training images (and a tenth as many test images); all when undefined. */
  limit?: number;
  /** Seed of the train/val split. */
  seed: number;
  /** Fraction of the training images held out for validation. */
  valFraction: number;
}

/** Prepared data: flattened float32 features [N, 784] and the fitted scaler (null for 'none'). */
export interface PreparedData {
  train: TensorDataset;
  val: TensorDataset;
  test: TensorDataset;
  scaler: Scaler | null;
  classNames: readonly string[];
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

/**
 * Loads Fashion-MNIST (from /usr/share/datasets/fashion-mnist when installed, else the cache or
 * a download), splits a stratified validation set off the training images, and fits the
 * scaler on the training part only.
 */
export async function loadData(options: DataOptions): Promise<PreparedData> {
  const full = firstRows(await loadFashionMnist('train'), options.limit);
  const testRaw = firstRows(await loadFashionMnist('test'), options.limit && Math.max(500, Math.round(options.limit / 6)));
  const { train, val } = trainValTestSplit(full, [1 - options.valFraction, options.valFraction, 0], { stratify: true, seed: options.seed });
  let scaler: Scaler | null = null;
  if (options.normalize === 'pixels') scaler = new PixelScaler({ featureRange: [-1, 1] });
  if (options.normalize === 'zscore') scaler = new StandardScaler().fit(new Tensor(Float32Array.from(train.features), [train.length, train.rowSize]));
  return {
    train: scaled(train, scaler), val: scaled(val, scaler), test: scaled(testRaw, scaler), scaler,
    classNames: full.classNames ?? Array.from({ length: 10 }, (_, i) => String(i)),
  };
}
