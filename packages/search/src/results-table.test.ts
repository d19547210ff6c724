import { describe, expect, it } from 'vitest';
import { logUniform, uniform } from './distributions.js';
import { formatResultsTable, rankTrials } from './results-table.js';
import { searchScatterSpec } from './scatter-spec.js';
import { searchResult } from './search-result.js';
import type { TrialRecord } from './trial-record.js';

const rec = (index: number, status: TrialRecord['status'], score: number | null, lr: number, extra: Partial<TrialRecord> = {}): TrialRecord =>
  ({ index, params: { lr, m: index / 10 }, seed: index, status, score, reports: {}, ms: 1, ...extra });
const result = searchResult([
  rec(0, 'ok', 0.5, 1e-3), rec(1, 'diverged', null, 1, { error: 'loss became NaN' }), rec(2, 'ok', 0.8, 1e-2),
  rec(3, 'stopped', 0.9, 1e-4, { stoppedEarly: { rule: 'asha', epoch: 1, value: 0.9, cutoff: 0.95 } }),
], 1, 'max');

describe('results', () => {
  it('ranks finished trials first, best first, then stopped ones, then the rest', () => {
    expect(rankTrials(result).map((t) => t.index)).toEqual([2, 0, 3, 1]);
    expect(result.best?.index).toBe(2);
    expect(result.counts).toEqual({ total: 4, resumed: 1, run: 3, ok: 2, diverged: 1, failed: 0, stopped: 1 });
  });

  it('prints a ranked table with the reasons', () => {
    const lines = formatResultsTable(result).split('\n');
    expect(lines[0]).toMatch(/^rank\s+score\s+status\s+trial\s+lr\s+m\s+note$/);
    expect(lines[1]).toMatch(/^1\s+0\.8000\s+ok\s+2\s+0\.01000\s+0\.2000$/);
    expect(lines[3]).toMatch(/stopped .*asha at epoch 1 \(0\.9000 vs 0\.9500\)$/);
    expect(lines[4]).toMatch(/^4\s+-\s+diverged .*loss became NaN$/);
  });

  it('builds a Vega-Lite scatter of two hyperparameters coloured by the score', () => {
    const spec = searchScatterSpec(result, 'lr', 'm', { space: { lr: logUniform(1e-5, 1), m: uniform(0, 1) }, metric: 'valAccuracy' });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(3);
    const enc = spec.encoding as Record<string, { field: string; scale?: Record<string, unknown> }>;
    expect(enc.x).toMatchObject({ field: 'lr', scale: { type: 'log' } });
    expect(enc.y.scale).toEqual({ zero: false });
    expect(enc.color.field).toBe('valAccuracy');
    expect(() => searchScatterSpec(result, 'lr', 'act')).toThrow(/^searchScatterSpec: hyperparameter 'act' must be numeric/);
  });

  it('refuse unknown options', () => {
    expect(() => formatResultsTable(result, { limit: 2 } as object)).toThrow(/^formatResultsTable: unknown option 'limit'/);
    expect(() => searchScatterSpec(result, 'lr', 'm', { color: 'score' } as object)).toThrow(/^searchScatterSpec: unknown option 'color'/);
  });
});
