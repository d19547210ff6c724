import { describe, expect, it } from 'vitest';
import { lrRangeSpec } from './lr-range.js';
import { toSvg } from './node/index.js';

type Layer = { mark: { type: string; clip?: boolean }; encoding: { y?: { scale: { domain?: number[] } } } };

describe('lrRangeSpec', () => {
  const lrs = Array.from({ length: 40 }, (_, i) => 1e-6 * 10 ** (i / 5));
  const falling = lrs.map((lr) => (lr < 1e-3 ? 2.3 : lr < 0.1 ? 2.3 - 17 * lr : 0.6));

  it('stops the y axis above the starting loss when the loss explodes, and writes the last loss where the line leaves', async () => {
    const losses = [...falling.slice(0, 38), 60, 3000];
    const spec = lrRangeSpec({ lrs, losses, suggestedLr: 1e-2 });
    const line = (spec.layer as Layer[]).find((l) => l.mark.type === 'line') as Layer;
    // The fall is 2.3 → 0.6: the axis ends half of it above 2.3, so 3000 does not squash it flat.
    const [low, high] = line.encoding.y?.scale.domain ?? [];
    expect(high).toBeCloseTo(2.3 + 0.5 * 1.7, 6);
    expect(low).toBeLessThan(0.6);
    expect(line.mark.clip).toBe(true);
    expect(await toSvg(spec)).toContain('↑ off the chart: loss 3000 at lr 6.3e+1');
    expect(await toSvg(lrRangeSpec({ lrs, losses: [...falling.slice(0, 38), 60, Infinity], suggestedLr: 1e-2 }))).toContain('loss Infinity at lr 6.3e+1');
  });

  it('leaves the y axis to the data when nothing explodes', async () => {
    const spec = lrRangeSpec({ lrs, losses: falling, suggestedLr: 1e-2 });
    const line = (spec.layer as Layer[]).find((l) => l.mark.type === 'line') as Layer;
    expect(line.encoding.y?.scale.domain).toBeUndefined();
    expect(await toSvg(spec)).not.toContain('off the chart');
  });

  it('ends the too-low region where the loss starts to fall: lossMovesLr when given, else a decade below the suggestion', () => {
    type Rect = { from: number; to: number; region: string };
    const regions = (data: Parameters<typeof lrRangeSpec>[0]): Rect[] => ((spec) => ((spec.layer as { data: { values: Rect[] } }[])[0]).data.values)(lrRangeSpec(data));
    const tooLow = (rs: Rect[]) => rs.find((r) => r.region.startsWith('too low'));
    const good = (rs: Rect[]) => rs.find((r) => r.region.startsWith('good'));
    const measured = regions({ lrs, losses: falling, suggestedLr: 1e-2, minLossLr: 0.1, lossMovesLr: 1.1e-3 });
    expect(tooLow(measured)?.to).toBe(1.1e-3);
    expect(good(measured)?.from).toBe(1.1e-3);
    expect(tooLow(regions({ lrs, losses: falling, suggestedLr: 1e-2, minLossLr: 0.1 }))?.to).toBeCloseTo(1e-3, 12);
    // A loss that never falls is too low all the way to its lowest point: no good region.
    const never = regions({ lrs, losses: falling, suggestedLr: 1e-2, minLossLr: 0.1, lossMovesLr: Number.NaN });
    expect(tooLow(never)?.to).toBe(0.1);
    expect(good(never)).toBeUndefined();
    expect(() => lrRangeSpec({ lrs, losses: falling, suggestedLr: 1e-2, lossMovesLr: -1 })).toThrow('lrRangeSpec: lossMovesLr must be > 0 or NaN, got -1');
  });

  it('refuses a test without a single finite loss', () => {
    expect(() => lrRangeSpec({ lrs: [1, 2], losses: [Number.NaN, Infinity], suggestedLr: 1 })).toThrow('lrRangeSpec: losses: expected at least one finite loss, got 2 NaN or infinite');
  });
});
