import { describe, expect, it } from 'vitest';
import { REUSED, type Row } from './mlpkit-matmul.js';
import { markdownTable } from './report.js';
import { PRODUCTS } from './shapes.js';
import { checkTargets } from './targets.js';
import type { W1Result } from './w1/spec.js';

const row = (system: string, threads: number, s64: number, s1024: number, imgs: number): W1Result => ({
  system, threads, inferenceImagesPerSecond: imgs, peakRssMiB: 100,
  epochs: [{ batch: 64, seconds: s64, method: 'epochs', count: 3, loss: 0.5 }, { batch: 1024, seconds: s1024, method: 'epochs', count: 3, loss: 0.6 }],
});

describe('checkTargets', () => {
  it('checks the blas targets on the default row, and on the step scope row under its own name', () => {
    const checks = checkTargets([], [
      row('mlpkit blas', 1, 1.2, 1.3, 80), row('mlpkit blas, step scope', 1, 0.7, 0.9, 120), row('PyTorch', 1, 1, 1, 100),
    ]);
    const byTarget = new Map(checks.map((c) => [c.target, c]));
    expect(byTarget.get('mlpkit blas W1 epoch ≤ 0.8× PyTorch\'s at batch 64, 1 thread')).toEqual({ target: expect.any(String), reached: '1.20×', met: false });
    expect(byTarget.get('mlpkit blas, step scope W1 epoch ≤ 0.8× PyTorch\'s at batch 64, 1 thread')?.met).toBe(true);
    expect(byTarget.get('mlpkit blas, step scope W1 epoch ≤ 1.0× PyTorch\'s at batch 1024, 1 thread')?.reached).toBe('0.90×');
    expect(byTarget.get('mlpkit blas inference ≥ PyTorch\'s (img/s, batch 1024), 1 thread')?.met).toBe(false);
    expect(byTarget.get('mlpkit blas, step scope inference ≥ PyTorch\'s (img/s, batch 1024), 1 thread')?.met).toBe(true);
    expect(checks.some((c) => c.target.includes('2 threads'))).toBe(false);
  });

  it('checks the wasm peak share on the default row, and on the reused-output row under its own name', () => {
    const matmul: Row[] = [
      ...PRODUCTS.map((p, i) => ({ system: 'mlpkit wasm', threads: 1, product: p.name, gflops: i === 3 ? 30 : 48 })),
      ...PRODUCTS.map((p) => ({ system: REUSED, threads: 1, product: p.name, gflops: 45 })),
      ...PRODUCTS.map((p) => ({ system: 'wasm tile peak', threads: 1, product: p.name, gflops: 50 })),
    ];
    const peak = checkTargets(matmul, []).filter((c) => c.target.includes('tile\'s peak'));
    expect(peak).toEqual([
      { target: 'wasm matmul ≥ 85 % of the register tile\'s peak on every product (1 thread)', reached: `60.0 % on the slowest (${PRODUCTS[3].name}); peak 50.0 GFLOP/s`, met: false },
      { target: `${REUSED}: wasm matmul ≥ 85 % of the register tile's peak on every product (1 thread)`, reached: `90.0 % on the slowest (${PRODUCTS[0].name}); peak 50.0 GFLOP/s`, met: true },
    ]);
    // The report gives the reused row its share of the same peak.
    expect(markdownTable(matmul, PRODUCTS)).toContain(`| ${REUSED} (1 thr) % of tile peak | 90 % | 90 % | 90 % | 90 % | 90 % |`);
  });
});
