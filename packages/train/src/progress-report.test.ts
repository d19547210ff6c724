import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { overfitSmallSubset } from './babysitting.js';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';
import { blobs, loaders, mlp } from './toy.test-helper.js';

type Report = [number, number | undefined, string?];

describe('progress reports', () => {
  it('evaluate reports each batch done of the loader\'s length', () => {
    const seen: Report[] = [];
    evaluate(mlp(), new DataLoader(blobs(50), { batchSize: 20 }), { metrics: ['accuracy'], onProgress: (...a) => { seen.push(a); } });
    expect(seen).toEqual([[1, 3, 'evaluate'], [2, 3, 'evaluate'], [3, 3, 'evaluate']]);
  });

  it('overfitSmallSubset reports each step', () => {
    const ds = blobs(20);
    const seen: Report[] = [];
    overfitSmallSubset(mlp(), { x: ds.x(), y: ds.y() }, {
      loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0.1 }), steps: 4, onProgress: (...a) => { seen.push(a); },
    });
    expect(seen.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(seen[3]).toEqual([4, 4, 'overfitSmallSubset']);
  });

  it('fit tells callbacks how validation advances', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const seen: string[] = [];
    await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2,
      callbacks: [{ onValidationProgress: (done, total, ctx) => { seen.push(`${ctx.epoch}:${done}/${total}`); } }] });
    expect(seen).toEqual(['0:1/2', '0:2/2', '1:1/2', '1:2/2']);
  });
});
