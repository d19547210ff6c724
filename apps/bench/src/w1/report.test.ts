import { describe, expect, it } from 'vitest';
import { w1Ratios } from './report.js';
import type { W1Result } from './spec.js';

const row = (system: string, threads: number, s64: number, s1024: number, imgs: number): W1Result => ({
  system, threads, inferenceImagesPerSecond: imgs, peakRssMiB: 100,
  epochs: [{ batch: 64, seconds: s64, method: 'epochs', count: 3, loss: 0.5 }, { batch: 1024, seconds: s1024, method: 'epochs', count: 3, loss: 0.6 }],
});

describe('w1Ratios', () => {
  it('sets every blas row, with other Node flags too, against PyTorch at its own thread count', () => {
    const md = w1Ratios([
      row('mlpkit blas', 2, 0.6, 0.5, 300), row('mlpkit blas, node --single-threaded-gc', 2, 0.72, 0.4, 400),
      row('mlpkit blas', 1, 0.9, 0.9, 100), row('PyTorch', 2, 0.8, 0.5, 500),
    ], [64, 1024]);
    expect(md).toContain('| mlpkit blas (2 thr) time ÷ PyTorch (2 thr) time | 0.75× | 1.00× | 1.67× |');
    expect(md).toContain('| mlpkit blas, node --single-threaded-gc (2 thr) time ÷ PyTorch (2 thr) time | 0.90× | 0.80× | 1.25× |');
    expect(md).not.toContain('mlpkit blas (1 thr) time');
  });
});
