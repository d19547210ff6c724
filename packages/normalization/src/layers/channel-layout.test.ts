import { describe, expect, it } from 'vitest';
import { channelMoments } from './channel-layout.js';

/** Mean and biased variance per channel of (N, C, L) data, two passes in float64. */
function twoPass(data: Float32Array, n: number, c: number, l: number): { mean: number[]; variance: number[] } {
  const mean: number[] = [], variance: number[] = [];
  for (let j = 0; j < c; j++) {
    const values: number[] = [];
    for (let i = 0; i < n; i++) for (let k = 0; k < l; k++) values.push(data[(i * c + j) * l + k]);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    mean.push(m);
    variance.push(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
  }
  return { mean, variance };
}

describe('channelMoments', () => {
  it('matches two passes in float64 on channels far from zero, with and without a length dimension', () => {
    for (const [n, c, l] of [[128, 5, 1], [16, 3, 7]]) {
      // Channel j is offset by 10^j (up to 10 000) with a spread of about 0.01 to 1.
      const data = Float32Array.from({ length: n * c * l }, (_, at) => {
        const j = Math.floor(at / l) % c;
        return 10 ** j + Math.sin(at * 12.9898) * 10 ** -(j % 3);
      });
      const got = channelMoments(data, { n, c, l, count: n * l });
      const want = twoPass(data, n, c, l);
      for (let j = 0; j < c; j++) {
        expect(got.mean[j]).toBeCloseTo(want.mean[j], 9);
        expect(Math.abs(got.variance[j] - want.variance[j])).toBeLessThanOrEqual(1e-9 * want.variance[j]);
      }
    }
  });

  it('gives a variance of exactly 0 for a constant channel', () => {
    const got = channelMoments(new Float32Array(64).fill(100.1), { n: 64, c: 1, l: 1, count: 64 });
    expect(got.variance[0]).toBe(0);
    expect(got.mean[0]).toBe(Math.fround(100.1));
  });
});
