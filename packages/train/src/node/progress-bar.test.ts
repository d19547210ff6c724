import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { fakeStream } from './fake-stream.test-helper.js';
import { fit } from '../fit.js';
import { loaders, mlp } from '../toy.test-helper.js';
import { ProgressBar } from './progress-bar.js';

describe('ProgressBar', () => {
  it('prints one summary per epoch on a non-TTY stream', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const { stream, text } = fakeStream(false);
    await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2, callbacks: [new ProgressBar({ stream })] });
    await new Promise((r) => setImmediate(r));
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^epoch 2\/2: loss \d\.\d{4}, valLoss \d\.\d{4} \([\d.]+s, [\d,]+ images\/s\)$/);
  });

  it('draws a bar with the batch count on a TTY stream', async () => {
    const model = mlp();
    const { train } = loaders();
    const { stream, text } = fakeStream(true);
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, callbacks: [new ProgressBar({ stream })] });
    await new Promise((r) => setImmediate(r));
    expect(text()).toContain('epoch 1/1 [');
    expect(text()).toMatch(/\d+\/10 batches \| [\d,]+ images\/s \| [\d.]+s elapsed \| ETA/);
  });

  it('draws a count without a total or an ETA on a TTY when the loaders have no length', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const lengthless = (loader: Iterable<unknown>) => ({ [Symbol.iterator]: () => loader[Symbol.iterator]() }) as typeof train;
    const { stream, text } = fakeStream(true);
    await fit(model, { train: lengthless(train), val: lengthless(val), loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1,
      callbacks: [new ProgressBar({ stream, epochSummary: false })] });
    await new Promise((r) => setImmediate(r));
    expect(text()).toMatch(/epoch 1\/1 \d+ batches \| [\d,]+ images\/s \| [\d.]+s elapsed \| loss \d\.\d{4}/);
    expect(text()).toMatch(/epoch 1\/1 validating \d+ batches \| [\d.]+s elapsed/);
    expect(text()).not.toMatch(/\/0 batches|ETA/);
  });

  it('prints a line at a steady interval within an epoch without a TTY, with rate, elapsed time and ETA', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const { stream, text } = fakeStream(false);
    let t = 0;
    const clock = { onBatchEnd: () => { t += 3000; } }; // every batch takes 3 s of the fake clock
    await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2,
      callbacks: [clock, new ProgressBar({ stream, now: () => t, intervalMs: 10_000 })] });
    await new Promise((r) => setImmediate(r));
    const lines = text().trim().split('\n');
    expect(lines.map((l) => l.replace(/loss \d\.\d{4}(, valLoss \d\.\d{4})?/, 'loss L'))).toEqual([
      'epoch 1/2: 4/10 batches, 5 images/s, 12s elapsed, ETA 18s, loss L',
      'epoch 1/2: 8/10 batches, 5 images/s, 24s elapsed, ETA 6.0s, loss L',
      'epoch 1/2: loss L (30s, 5 images/s)',
      'epoch 2/2: 4/10 batches, 5 images/s, 12s elapsed, ETA 18s, loss L',
      'epoch 2/2: 8/10 batches, 5 images/s, 24s elapsed, ETA 6.0s, loss L',
      'epoch 2/2: loss L (30s, 5 images/s)',
    ]);
  });

  it('refuses an unknown option', () => {
    expect(() => new ProgressBar({ interval: 5 } as object)).toThrow("ProgressBar: unknown option 'interval'");
  });
});
