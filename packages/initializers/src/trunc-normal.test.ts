import { Generator, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalPpf } from './normal-math.js';
import { moments } from './test-stats.js';
import { truncNormal_, truncNormalStats } from './trunc-normal.js';

describe('normal CDF and quantile', () => {
  it('invert each other, deep into the tails', () => {
    // Above z ≈ 5, Φ(z) is within a few ulps of 1, so only the lower tail can round-trip exactly.
    for (const z of [-30, -8, -2, -0.5, 0.7, 3]) expect(normalPpf(normalCdf(z)) / z).toBeCloseTo(1, 9);
    expect(Math.abs(normalPpf(0.5))).toBeLessThan(1e-15);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalCdf(-10)).toBeCloseTo(7.619853024160527e-24, 36);
  });
});

describe('truncNormal_', () => {
  it('has the closed-form std of the truncated distribution (init.json)', () => {
    expect(truncNormalStats({ a: -2, b: 2 }).std).toBeCloseTo(0.8796256610342398, 14);
    expect(truncNormalStats({ std: 0.02, a: -0.04, b: 0.04 }).std).toBeCloseTo(0.017592513220684794, 15);
    expect(truncNormalStats({ std: 0.02, a: -2, b: 2 }).std).toBe(0.02);
  });

  it('keeps every value in [a, b] and matches the truncated moments', () => {
    const s = moments(truncNormal_(zeros([100_000]), { a: -2, b: 2, generator: new Generator(5) }).data);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThanOrEqual(2);
    expect(Math.abs(s.std / 0.8796256610342398 - 1)).toBeLessThan(0.02);
  });

  it('samples an interval far in the upper tail without rejection', () => {
    const options = { mean: 0, std: 1, a: 6, b: 7 };
    const s = moments(truncNormal_(zeros([50_000], { dtype: 'float64' }), { ...options, generator: new Generator(2) }).data);
    const want = truncNormalStats(options);
    expect(s.min).toBeGreaterThanOrEqual(6);
    expect(s.max).toBeLessThanOrEqual(7);
    expect(Math.abs(s.mean - want.mean)).toBeLessThan((5 * want.std) / Math.sqrt(50_000));
    expect(Math.abs(s.std / want.std - 1)).toBeLessThan(0.03);
  });

  it('has the closed-form moments of intervals so far in a tail that the CDF underflows (scipy.stats.truncnorm)', () => {
    expect(truncNormalStats({ a: 50, b: 60 }).mean).toBeCloseTo(50.019984031902176, 10);
    expect(truncNormalStats({ a: 50, b: 60 }).std).toBeCloseTo(0.019976069686804727, 7);
    expect(truncNormalStats({ a: -60, b: -50 }).mean).toBeCloseTo(-50.019984031902176, 10);
    expect(truncNormalStats({ a: 40, b: Infinity }).mean).toBeCloseTo(40.024968847210886, 10);
    expect(truncNormalStats({ a: 8, b: 8.001 }).mean).toBeCloseTo(8.000499333304106, 10);
    expect(truncNormalStats({ a: 6, b: 7 }).mean).toBeCloseTo(6.157210903378302, 12);
  });

  it.each([
    [{ mean: 0, std: 1, a: 50, b: 60 }],
    [{ mean: 1, std: 2, a: -119, b: -99 }],
    [{ mean: 0, std: 1, a: 40, b: Infinity }],
    [{ mean: 0, std: 1, a: 8, b: 8.001 }],
  ])('samples an interval far in a tail, where the CDF underflows: %o', (options) => {
    const n = 20_000;
    const s = moments(truncNormal_(zeros([n], { dtype: 'float64' }), { ...options, generator: new Generator(3) }).data);
    const want = truncNormalStats(options);
    expect(s.min).toBeGreaterThanOrEqual(options.a);
    expect(s.max).toBeLessThanOrEqual(options.b);
    expect(Math.abs(s.mean - want.mean)).toBeLessThan((5 * want.std) / Math.sqrt(n));
    expect(Math.abs(s.std / want.std - 1)).toBeLessThan(0.05);
  });

  it('refuses an empty interval', () => {
    expect(() => truncNormal_(zeros([3]), { a: 1, b: 1 })).toThrow(/truncNormal_: expected a < b, got a 1 and b 1/);
  });

  it('refuses unknown options', () => {
    expect(() => truncNormal_(zeros([3]), { low: -1 } as object)).toThrow("truncNormal_: unknown option 'low'");
    expect(() => truncNormalStats({ low: -1 } as object)).toThrow("truncNormalStats: unknown option 'low'");
  });
});
