// The printout and the chart name the same "too low" boundary: both read lrRangeTest's lossMovesLr.
import type { PlotSpec } from '@mlpkit/plot';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseBackend } from '../backend.js';
import { parseOptions } from '../options.js';
import experiment from './lr-range.js';

beforeAll(async () => {
  await chooseBackend('auto');
});

describe('--experiment lr-range', () => {
  it('shades the chart as too low up to the lr its table prints', async () => {
    const options = parseOptions(['--experiment', 'lr-range', '--quick'], '/nonexistent');
    const specs: PlotSpec[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const outcome = await experiment.run({
        options, quick: true, seed: options.config.seed, outDir: '/nonexistent',
        plot: async (spec) => { specs.push(spec); return []; },
      });
      const printed = outcome.comparison.find((c) => c.what === 'too low')?.ours.match(/below lr (\S+)$/)?.[1];
      const regions = (specs[0].layer as { data: { values: { to: number; region: string }[] } }[])[0].data.values;
      const shaded = regions.find((r) => r.region.startsWith('too low'))?.to;
      expect(printed).toBeDefined();
      expect(shaded?.toExponential(1)).toBe(printed);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
  }, 60_000);
});
