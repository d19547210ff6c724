// The trial module of `pnpm bench --search`: a fixed, CPU-bound trial (a 2→64→3 MLP on 600 blob
// points, `epochs` epochs), or, with `empty`, a trial that does nothing, to time the path itself.
import { relu } from '@mlpkit/activations';
import { DataLoader, makeBlobs } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import type { TrialContext } from '@mlpkit/search';
import { fit } from '@mlpkit/train';

export const dataFingerprint = 'blobs(600, seed 0)';

export async function trial(p: { lr: number; epochs: number; empty?: boolean }, ctx: TrialContext): Promise<number> {
  if (p.empty) return ctx.index;
  const data = makeBlobs({ nSamples: 600, centers: [[-3, -3], [0, 3], [3, -3]], clusterStd: 1.5, seed: 0 });
  const model = new Sequential(new Linear(2, 64), relu, new Linear(64, 3));
  const history = await fit(model, {
    train: new DataLoader(data, { batchSize: 32, shuffle: true, seed: ctx.seed }), loss: crossEntropy,
    optimizer: new SGD(model.parameters(), { lr: p.lr }), epochs: p.epochs,
  });
  return history.last?.loss ?? Number.NaN;
}
