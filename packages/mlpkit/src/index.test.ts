import { describe, expect, it } from 'vitest';
import * as mlpkit from './index.js';

describe('mlpkit umbrella', () => {
  it('runs its README example: a differentiable activation and its gradient', () => {
    const { tensor, requiresGrad, activations } = mlpkit;
    const x = requiresGrad(tensor([1, 5, -4, 3, -2]));
    const y = activations.sigmoid(x);
    y.sum().backward();
    expect(y.data[0]).toBeCloseTo(0.7311, 4);
    // σ'(x) = σ(x)(1 − σ(x))
    expect(x.grad!.data[0]).toBeCloseTo(0.7311 * (1 - 0.7311), 4);
  });

  it('trains a tiny model end to end through the namespaces', async () => {
    const { nn, losses, optimizers, datasets, train, manualSeed } = mlpkit;
    manualSeed(0);
    const data = datasets.makeBlobs({ nSamples: 120, centers: 3, seed: 0 });
    const loader = new datasets.DataLoader(data, { batchSize: 30, shuffle: true, seed: 0 });
    const model = new nn.Sequential(new nn.Linear(2, 16), mlpkit.activations.relu, new nn.Linear(16, 3));
    const history = await train.fit(model, {
      train: loader, loss: losses.crossEntropy, optimizer: new optimizers.Adam(model.parameters(), { lr: 0.05 }), epochs: 15,
    });
    expect(history.last!.loss).toBeLessThan(history.records[0].loss);
  });

  it('exports hyperparameter search from @mlpkit/search, no longer from train', async () => {
    const { search, train } = mlpkit;
    const r = await search.gridSearch({ a: [1, 2, 3] }, (p) => -((p.a - 2) ** 2));
    expect(r.best?.params.a).toBe(2);
    expect('gridSearch' in train).toBe(false);
  });
});
