import { MlpkitError, checkOptions, describe } from '@mlpkit/tensor';
import { SEED_OPTIONS, type SeedOptions, range, resolveGenerator, shuffleInPlace } from './random-options.js';
import { type TensorDataset, checkDataset } from './tensor-dataset.js';

/** How `trainValTestSplit` cuts. */
export interface SplitOptions extends SeedOptions {
  /** Keep each class's share the same in every part (label targets only). Default false. */
  stratify?: boolean;
  /** Shuffle before cutting (default true); false keeps the original row order (time series). */
  shuffle?: boolean;
}

const SPLIT_OPTIONS = [...SEED_OPTIONS, 'stratify', 'shuffle'] as const satisfies readonly (keyof SplitOptions)[];

/** The three parts of a split. A part whose fraction is 0 is an empty dataset. */
export interface TrainValTestSplit {
  /** The training part. */
  train: TensorDataset;
  /** The validation part. */
  val: TensorDataset;
  /** The test part. */
  test: TensorDataset;
}

/** How many of `n` rows each fraction gets: rounded, the rounding slack going to the last nonzero part. */
function partSizes(n: number, fractions: readonly number[]): number[] {
  const sizes = fractions.map((f) => Math.round(f * n));
  let excess = sizes.reduce((a, b) => a + b, 0) - n;
  for (let i = sizes.length - 1; excess !== 0 && i >= 0; i--) {
    if (fractions[i] === 0) continue;
    const delta = excess > 0 ? -Math.min(excess, sizes[i]) : -excess;
    sizes[i] += delta;
    excess += delta;
  }
  return sizes;
}

function checkFractions(fractions: readonly number[]): void {
  if (!Array.isArray(fractions))
    throw new MlpkitError('trainValTestSplit', `expected fractions to be [train, val, test], got ${describe(fractions)}`);
  const shown = `[${fractions.join(', ')}]`;
  if (fractions.length !== 3)
    throw new MlpkitError('trainValTestSplit', `fractions must be [train, val, test], got ${shown} (${fractions.length} values)`);
  if (!fractions.every((f) => Number.isFinite(f) && f >= 0 && f <= 1))
    throw new MlpkitError('trainValTestSplit', `fractions must each lie in [0, 1], got ${shown}`);
  const sum = fractions[0] + fractions[1] + fractions[2];
  if (Math.abs(sum - 1) > 1e-6)
    throw new MlpkitError('trainValTestSplit', `fractions must sum to 1, got ${shown} (sum ${Number(sum.toFixed(6))})`);
}

/**
 * Splits a dataset into train, validation and test parts by `fractions` (`[0.8, 0.1, 0.1]`),
 * after a seeded shuffle. With `stratify`, each class is split on its own so every part keeps
 * the class proportions; the parts are then shuffled so classes are interleaved.
 */
export function trainValTestSplit(dataset: TensorDataset, fractions: readonly number[], options: SplitOptions = {}): TrainValTestSplit {
  checkOptions('trainValTestSplit', options, SPLIT_OPTIONS);
  checkDataset('trainValTestSplit', dataset);
  checkFractions(fractions);
  if (dataset.length === 0) throw new MlpkitError('trainValTestSplit', 'dataset is empty: dataset.length is 0');
  const shuffle = options.shuffle ?? true;
  const g = resolveGenerator('trainValTestSplit', options);
  const parts: number[][] = [[], [], []];
  if (options.stratify) {
    if (dataset.numClasses === null)
      throw new MlpkitError('trainValTestSplit', 'stratify needs class labels (Int32Array targets), got regression targets');
    if (!shuffle) throw new MlpkitError('trainValTestSplit', 'stratify: true needs shuffle: true, got shuffle: false');
    for (const rows of rowsByClass(dataset.targets as Int32Array)) {
      const order = shuffleInPlace(Int32Array.from(rows), g);
      cut(order, partSizes(rows.length, fractions), parts);
    }
  } else {
    const order = range(dataset.length);
    if (shuffle) shuffleInPlace(order, g);
    cut(order, partSizes(dataset.length, fractions), parts);
  }
  const [train, val, test] = parts.map((rows) => {
    const idx = Int32Array.from(rows);
    if (shuffle && options.stratify) shuffleInPlace(idx, g);
    return dataset.subset(idx);
  });
  return { train, val, test };
}

/**
 * Row indices grouped by label, in ascending label order. Only the classes present cost
 * anything: numClasses may be millions while the dataset has a few rows.
 */
function rowsByClass(labels: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = groups.get(labels[i]);
    if (rows) rows.push(i);
    else groups.set(labels[i], [i]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((label) => groups.get(label)!);
}

function cut(order: Int32Array, sizes: number[], parts: number[][]): void {
  let at = 0;
  sizes.forEach((n, p) => {
    for (let i = 0; i < n; i++) parts[p].push(order[at + i]);
    at += n;
  });
}
