import { describe, expect, it } from 'vitest';
import { toSvg } from './node/index.js';
import { searchResultsSpec } from './search-results.js';

describe('searchResultsSpec', () => {
  it('draws a search whose every trial failed without an empty "NaN" colour legend', async () => {
    const trials = [{ params: { lr: 1, reg: 1e-3 }, score: Number.NaN }, { params: { lr: 3, reg: 1e-2 }, score: Number.NaN }];
    const spec = searchResultsSpec(trials, { x: 'lr', y: 'reg', metric: 'val_acc' });
    expect((spec.layer as { encoding: { color?: unknown } }[]).map((l) => l.encoding.color)).toEqual([undefined]);
    const svg = await toSvg(spec);
    expect(svg).toContain('>diverged<');
    expect(svg).not.toContain('>NaN<');
    expect(svg).not.toContain('val_acc');
  });
});
