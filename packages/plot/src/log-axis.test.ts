import { describe, expect, it } from 'vitest';
import { curvesSpec } from './curves.js';
import { logAxis } from './log-axis.js';
import { lrRangeSpec } from './lr-range.js';
import { toSvg } from './node/index.js';
import { searchResultsSpec } from './search-results.js';

/** The tick labels of every axis in an SVG, axis by axis. */
function tickLabels(svg: string): string[][] {
  return [...svg.matchAll(/role-axis-label[^]*?<\/g>/g)].map((axis) => [...axis[0].matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1]));
}

const exponent = /^\d(e[+-]\d+)$/;

describe('logAxis', () => {
  it('writes exponents once the decades reach below 1e-3 or above 1e4, and leaves decimals otherwise', () => {
    expect(logAxis([2e-7, 3])).toEqual({ format: '~e' });
    expect(logAxis([0.5, 2e4])).toEqual({ format: '~e' });
    expect(logAxis([1e-3, 1e4])).toEqual({});
    expect(logAxis([0.05, 2.3, 0, -1, Number.NaN, Infinity])).toEqual({});
    expect(logAxis([0, Number.NaN])).toEqual({});
  });

  it('gives a wide log axis one notation for every tick, where Vega wrote 1e-7 beside 0.000001', async () => {
    const lrs = Array.from({ length: 40 }, (_, i) => 1e-7 * 10 ** (i / 5));
    const lr = tickLabels(await toSvg(lrRangeSpec({ lrs, losses: lrs.map((v) => (v < 1e-3 ? 2.3 : 1)), suggestedLr: 1e-2 })))[0];
    expect(lr.length).toBeGreaterThan(5);
    expect(lr.filter((t) => !exponent.test(t))).toEqual([]);
    const search = tickLabels(await toSvg(searchResultsSpec([{ params: { lr: 1e-8, reg: 1e-9 }, score: 1 }, { params: { lr: 1e-5, reg: 1e-6 }, score: 2 }], { x: 'lr', y: 'reg' })));
    for (const axis of search) expect(axis.filter((t) => !exponent.test(t))).toEqual([]);
    const big = tickLabels(await toSvg(curvesSpec([{ name: 'g', y: [1e2, 1e5, 1e9] }], { logY: true })))[1];
    expect(big.filter((t) => !exponent.test(t))).toEqual([]);
  });

  it('keeps decimals on a narrow log axis, such as a loss from 2.3 down to 0.05', async () => {
    const y = tickLabels(await toSvg(curvesSpec([{ name: 'loss', y: [2.3, 1, 0.3, 0.05] }], { logY: true })))[1];
    expect(y).toContain('0.1');
    expect(y.filter((t) => exponent.test(t))).toEqual([]);
  });
});
