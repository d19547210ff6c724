import { describe, expect, it } from 'vitest';
import { curvesSpec } from './curves.js';
import { layerStatsSpec } from './layer-stats.js';
import { toSvg } from './node/index.js';
import type { PlotSpec } from './spec.js';

describe('curvesSpec', () => {
  it('marks where a run diverged with an ✕ (Vega\'s cross is a +)', () => {
    const spec = curvesSpec([{ name: 'lr 1', y: [2.3, 40, Number.NaN], diverged: true }]);
    const mark = (spec.layer as { mark: { shape?: string } }[])[1].mark;
    expect(mark.shape).toBe('M-1,-1L1,1M-1,1L1,-1');
  });

  it('puts curves spanning two decades on a log y axis, so a diverged spike does not flatten the rest', async () => {
    const yOf = (spec: PlotSpec) => (spec.layer as { encoding: { y: { title: string; scale: { type?: string } } } }[])[0].encoding.y;
    const spiked = curvesSpec([{ name: 'lr 1', y: [2.3, 0.9, 80, Number.NaN], diverged: true }, { name: 'lr 0.01', y: [2.3, 0.6, 0.4, 0.35] }], { yTitle: 'loss' });
    expect(yOf(spiked)).toMatchObject({ title: 'loss (log scale)', scale: { type: 'log' } });
    expect(await toSvg(spiked)).toContain('loss (log scale)');
    // A healthy run stays linear, so does anything with zeros or negatives, and so does an explicit false.
    expect(yOf(curvesSpec([{ name: 'a', y: [2.3, 0.9, 0.4] }], { yTitle: 'loss' }))).toEqual({ field: 'y', type: 'quantitative', title: 'loss', scale: { zero: false } });
    expect(yOf(curvesSpec([{ name: 'a', y: [0, 0.5, 100] }])).scale.type).toBeUndefined();
    expect(yOf(curvesSpec([{ name: 'a', y: [10, 1e-4] }], { logY: false })).scale.type).toBeUndefined();
    expect(yOf(curvesSpec([{ name: 'a', y: [10, 1e-4] }], { logY: true, yTitle: 'loss (log)' }))).toMatchObject({ title: 'loss (log)', scale: { type: 'log' } });
    expect(() => curvesSpec([{ name: 'a', y: [1] }], { logY: 'no' as never })).toThrow("curvesSpec: expected logY to be true or false, got the string \"no\"");
    // layerStatsSpec keeps its panels linear unless its logY names the key.
    const stats = layerStatsSpec([{ name: 's', layers: [{ mean: 1, std: 1 }, { mean: 1e-3, std: 1e-3 }] }]);
    expect((stats.hconcat as PlotSpec[]).map((panel) => yOf(panel).scale.type)).toEqual([undefined, undefined]);
  });

  it('breaks a line at a NaN instead of drawing it through the missing epoch', async () => {
    const spec = curvesSpec([{ name: 'run A', y: [2.3, 1.5, Number.NaN, 1, 0.9] }, { name: 'run B', y: [2.3, 1.2, 0.8] }]);
    const line = (spec.layer as { data: { values: { series: string; stretch: number }[] }; encoding: { detail?: { field: string } } }[])[0];
    expect(line.data.values.filter((v) => v.series === 'run A').map((v) => v.stretch)).toEqual([0, 0, 1, 1]);
    expect(line.encoding.detail?.field).toBe('stretch');
    const paths = (await toSvg(spec)).match(/aria-label="[^"]*series: run A[^"]*" role="graphics-symbol" aria-roledescription="line mark"/g);
    expect(paths).toHaveLength(2);
  });
});
