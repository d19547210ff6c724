import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { EpochLogger, ProgressCallback, type ProgressEvent, formatLogs } from './progress.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('progress', () => {
  it('ProgressCallback reports every batch and epoch with the loader length', async () => {
    const model = mlp();
    const { train } = loaders();
    const events: ProgressEvent[] = [];
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2, callbacks: [new ProgressCallback((e) => events.push(e))] });
    expect(train.length).toBe(10);
    expect(events.filter((e) => e.kind === 'batch')).toHaveLength(20);
    expect(events[9]).toMatchObject({ kind: 'batch', epoch: 0, epochs: 2, batch: 10, steps: 10 });
    expect(events[10]).toMatchObject({ kind: 'epoch', epoch: 0 });
    expect(events[10].logs?.loss).toBeCloseTo(events[9].loss, 6);
  });

  it('EpochLogger prints the slides-style line per epoch and the stop reason', async () => {
    const model = mlp();
    const { train } = loaders();
    const lines: string[] = [];
    await fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 3, metrics: ['accuracy'],
      callbacks: [new EpochLogger((l) => lines.push(l)), { onEpochEnd: (e, _l, ctx) => { if (e === 1) ctx.stop('custom', 'enough'); } }],
    });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Finished epoch 1 \/ 3: loss \d\.\d{4}, accuracy \d\.\d{4}, lr 1\.00e-1$/);
    expect(lines[2]).toBe('Stopped (custom): enough');
  });

  it('formatLogs leaves out epoch, lr and missing values', () => {
    expect(formatLogs({ epoch: 0, loss: 0.5, lr: 0.1, valLoss: undefined, accuracy: 0.25 }, 2)).toBe('loss 0.50, accuracy 0.25');
  });
});
