import { afterEach, describe, expect, it, vi } from 'vitest';
import { functionGridSpec } from './function-grid.js';
import { toSvg } from './node/index.js';

describe('functionGridSpec', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives each panel its own x axis, and none to the empty cells of the last row', async () => {
    const x = [-1, 0, 1];
    const curves = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, x, f: [0, 0, i], df: [0, 0, 1] }));
    const svg = await toSvg(functionGridSpec(curves, { columns: 4 }));
    // Five panels in rows of four: five x axes, not one per column (the fourth under an empty cell).
    expect(svg.match(/role-axis-title[^>]*><text[^>]*>x</g)).toHaveLength(5);
  });

  it('draws f and f′ in one legend, with no conflicting-legend warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const svg = await toSvg(functionGridSpec([{ name: 'relu', x: [-1, 0, 1], f: [0, 0, 1], df: [0, 0, 1] }]));
    expect(warn).not.toHaveBeenCalled();
    expect(svg.match(/>f′\(x\)</g)).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="5,3"');
  });
});
