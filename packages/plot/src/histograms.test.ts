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

  it('draws an x axis under every panel and none under the empty cells of a last row', async () => {
    // 7 layers in 5 columns: the grid's footer used to put an axis under each column, 3 of them under nothing.
    const edges = [-1, 0, 1];
    const layers = Array.from({ length: 7 }, (_, i) => ({ name: `layer ${i + 1}`, edges, counts: [i + 1, 7 - i] }));
    const svg = await toSvg(histogramsSpec(layers, { columns: 5 }));
    const axisTitles = (title: string) => [...svg.matchAll(/role-axis-title[^>]*><text[^>]*>([^<]+)<\/text>/g)].filter((m) => m[1] === title).length;
    expect(axisTitles('value')).toBe(7);
    expect(axisTitles('share')).toBe(7);
  });
});
