import { DataLoader, makeLinearRegression } from '@mlpkit/datasets';
import { crossEntropy, mseLoss } from '@mlpkit/losses';
import { Linear } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';
import { metricFactories } from './metric-specs.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('metrics by name in fit and evaluate', () => {
  it('computes every classification metric by name, for training and validation', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const names = ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'topKAccuracy', 'rocAuc', 'logLoss'] as const;
    const history = await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 3, metrics: names });
    const last = history.last!;
    for (const name of names) {
      expect(last[name], name).toBeTypeOf('number');
      expect(Number.isFinite(last[`val${name[0].toUpperCase()}${name.slice(1)}`]), name).toBe(true);
    }
    expect(last.valAccuracy).toBeGreaterThan(0.9);
    expect(last.valF1).toBeGreaterThan(0.9);
    expect(last.valRocAuc).toBeGreaterThan(0.95);
    expect(last.valTopKAccuracy).toBe(1); // 3 classes: the true one is always among the top 5
    expect(last.valLogLoss).toBeCloseTo(last.valLoss!, 5); // log loss of softmax(logits) is the cross-entropy
  });

  it('computes the regression metrics by name', () => {
    const { dataset } = makeLinearRegression({ nSamples: 40, nFeatures: 2, seed: 0 });
    const model = new Linear(2, 1);
    const { metrics, loss } = evaluate(model, new DataLoader(dataset, { batchSize: 16 }), { loss: mseLoss, metrics: ['mse', 'mae', 'r2'] });
    expect(metrics.mse).toBeCloseTo(loss, 5);
    expect(metrics.mae).toBeGreaterThan(0);
    expect(metrics.r2).toBeLessThan(1);
  });

  it('names every metric of @mlpkit/metrics, and refuses an unknown name with the list', () => {
    expect(Object.keys(metricFactories)).toEqual(['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'topKAccuracy', 'rocAuc', 'logLoss', 'mse', 'mae', 'r2']);
    const model = mlp();
    expect(() => evaluate(model, loaders().val, { metrics: ['f2'] as never })).toThrow(/unknown metric "f2"; known: accuracy, balancedAccuracy/);
  });
});

describe('validationSplit', () => {
  it('holds out the last fraction of the train loader as validation data', async () => {
    const model = mlp();
    const { train } = loaders();
    const seen: number[] = [];
    const history = await fit(model, {
      train, validationSplit: 0.2, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, metrics: ['accuracy'],
      callbacks: [{ onBatchEnd: (_b, logs) => { seen.push(logs.size); } }],
    });
    expect(seen.reduce((a, b) => a + b, 0)).toBe(120); // 150 samples, 30 held out
    expect(history.last!.valAccuracy).toBeTypeOf('number');
    await expect(fit(model, { train, val: train, validationSplit: 0.2, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1 }))
      .rejects.toThrow(/either val or validationSplit/);
    await expect(fit(model, { train, validationSplit: 1.5, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1 }))
      .rejects.toThrow(/validationSplit must be a fraction in \(0, 1\), got 1\.5/);
    await expect(fit(model, { train: [...train], validationSplit: 0.2, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1 }))
      .rejects.toThrow(/needs train to be a DataLoader/);
  });
});
