import { describe, expect, it } from 'vitest';
import { histogramsSpec } from './histograms.js';
import { toSvg } from './node/index.js';

/** The tick labels of every axis in an SVG, axis by axis. */
function tickLabels(svg: string): string[][] {
  return [...svg.matchAll(/role-axis-label[^]*?<\/g>/g)].map((axis) => [...axis[0].matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1]));
}

describe('histogramsSpec', () => {
  it('labels shares under 1 % per bin without repeating a tick label', async () => {
    // 100 equal bins hold 1 % each: ticks at 0, 0.5 % and 1 % were all rounded to whole percents.
    const edges = Array.from({ length: 101 }, (_, i) => -1 + i * 0.02);
    const svg = await toSvg(histogramsSpec([{ name: 'uniform', edges, counts: edges.slice(1).map(() => 10) }]));
    const shares = tickLabels(svg).find((labels) => labels.some((l) => l.endsWith('%'))) ?? [];
    expect(shares).toEqual(['0%', '0.5%', '1%']);
  });
});
