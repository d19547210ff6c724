import { TensorDataset } from '@mlpkit/datasets';
import { loadFashionMnist } from '@mlpkit/datasets/node';
import { PixelScaler } from '@mlpkit/normalization';

/**
 * One Fashion-MNIST split (all 60 000 training or 10 000 test images) with pixels scaled to
 * [-1, 1] once, in memory, before the first epoch, as the PyTorch side does.
 */
export async function loadRecipeSplit(split: 'train' | 'test'): Promise<TensorDataset> {
  const raw = await loadFashionMnist(split);
  const scaled = new PixelScaler({ featureRange: [-1, 1] }).transform(raw.x());
  return new TensorDataset(scaled.data as Float32Array, raw.targets, { featureShape: [784], numClasses: 10 });
}
