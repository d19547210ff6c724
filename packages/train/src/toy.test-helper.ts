// Small models and loaders shared by the tests: fast on 2 cores, deterministic by seed.
import { relu } from '@mlpkit/activations';
import { DataLoader, type TensorDataset, makeBlobs } from '@mlpkit/datasets';
import { Linear, Sequential } from '@mlpkit/nn';
import { manualSeed } from '@mlpkit/tensor';

/** Three well-separated 2-D blobs: a 2→16→3 MLP learns them in a few epochs. */
export function blobs(nSamples = 150, seed = 0): TensorDataset {
  return makeBlobs({ nSamples, centers: [[-3, -3], [0, 3], [3, -3]], clusterStd: 0.6, seed });
}

/** A seeded 2→hidden→classes ReLU MLP. */
export function mlp(seed = 0, hidden = 16, classes = 3, inputs = 2): Sequential {
  manualSeed(seed);
  return new Sequential(new Linear(inputs, hidden), relu, new Linear(hidden, classes));
}

/** Train and val loaders over a blobs dataset. */
export function loaders(seed = 0): { train: DataLoader; val: DataLoader } {
  const train = new DataLoader(blobs(150, seed), { batchSize: 16, shuffle: true, seed });
  const val = new DataLoader(blobs(60, seed + 100), { batchSize: 30 });
  return { train, val };
}
