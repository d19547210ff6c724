import { describe, expect, it } from 'vitest';
import { fakeStream } from './fake-stream.test-helper.js';
import { progressPrinter } from './progress-printer.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('progressPrinter', () => {
  it('prints a line every intervalMs without a TTY, and one when done', async () => {
    const { stream, text } = fakeStream(false);
    let t = 0;
    const show = progressPrinter('download train-images', { stream, unit: 'bytes', now: () => t, intervalMs: 1000 });
    for (const done of [1e6, 2e6, 3e6, 4e6]) { t += 600; show(done, 4e6); }
    show(4e6, 4e6); // after done: ignored
    await tick();
    expect(text().trim().split('\n')).toEqual([
      'download train-images: 2.0 MB of 4.0 MB, 1.7 MB/s, 1.2s elapsed, ETA 1.2s',
      'download train-images: 4.0 MB of 4.0 MB, 1.7 MB/s, 2.4s elapsed, ETA 0.0s, done',
    ]);
  });

  it('draws a bar with the count, rate and elapsed time on a TTY', async () => {
    const { stream, text } = fakeStream(true);
    let t = 0;
    const show = progressPrinter('test set', { stream, now: () => t });
    for (let i = 1; i <= 5; i++) { t += 100; show(i, 5, 'evaluate'); }
    await tick();
    expect(text()).toMatch(/test set \[.*\] 5 batches \| 10 batches\/s \| 0\.5s elapsed/);
  });

  it('refuses an unknown option', () => {
    expect(() => progressPrinter('load', { interval: 5 } as object)).toThrow("progressPrinter: unknown option 'interval'");
  });
});
