import { DataLoader, type DataLoaderOptions } from '@mlpkit/datasets';
import { MlpkitError } from '@mlpkit/tensor';
import type { LoaderLike } from './types.js';

/**
 * Keras' `validation_split`: the last `fraction` of the train loader's samples (taken before
 * any shuffling) become the validation set, batched alike and never shuffled; the rest train,
 * with the loader's batch size, shuffling, seed and dropLast.
 */
export function splitForValidation(train: LoaderLike, fraction: number): { train: DataLoader; val: DataLoader } {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) throw new MlpkitError('fit', `validationSplit must be a fraction in (0, 1), got ${fraction}`);
  if (!(train instanceof DataLoader)) throw new MlpkitError('fit', 'validationSplit needs train to be a DataLoader (it splits its dataset); pass val yourself otherwise');
  const n = train.dataset.length;
  const valCount = Math.floor(n * fraction);
  if (valCount < 1 || valCount >= n) throw new MlpkitError('fit', `validationSplit ${fraction} of ${n} samples leaves ${valCount} for validation and ${n - valCount} for training; both need at least one`);
  const rows = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
  // The transforms are the loader's own (private) settings: the split must batch exactly alike.
  const { transform, targetTransform } = train as unknown as Pick<DataLoaderOptions, 'transform' | 'targetTransform'>;
  const same = { batchSize: train.batchSize, transform, targetTransform };
  const options = { ...same, shuffle: train.shuffle, seed: train.seed, dropLast: train.dropLast };
  return {
    train: new DataLoader(train.dataset.subset(rows(0, n - valCount)), options),
    val: new DataLoader(train.dataset.subset(rows(n - valCount, n)), same),
  };
}
