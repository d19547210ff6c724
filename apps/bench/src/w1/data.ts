import { TensorDataset } from '@mlpkit/datasets';
import { loadFashionMnist } from '@mlpkit/datasets/node';

/** W1's training set: 60 000 Fashion-MNIST images as float32 x/127.5 − 1, [N, 784], and int32 labels. */
export interface W1Data {
  features: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * Loads the training split (Debian's copy in /usr/share/datasets when present, else the cache
 * or a download) and normalizes it
 * once, in memory, as every system in the comparison does before its first epoch.
 */
export async function loadW1Data(limit?: number): Promise<W1Data> {
  // Debian's copy, $MLPKIT_FASHION_MNIST-style dirs or the cache first; downloaded (checksummed) otherwise.
  const raw = await loadFashionMnist('train');
  const count = Math.min(limit ?? raw.length, raw.length);
  const features = new Float32Array(count * 784);
  for (let i = 0; i < features.length; i++) features[i] = raw.features[i] / 127.5 - 1;
  return { features, labels: Int32Array.from(raw.targets.subarray(0, count)), count };
}

/** The same data as a TensorDataset for @mlpkit/datasets' DataLoader. */
export function w1Dataset(data: W1Data): TensorDataset {
  return new TensorDataset(data.features, data.labels, { featureShape: [784], numClasses: 10 });
}
