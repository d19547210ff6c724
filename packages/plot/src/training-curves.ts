import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { CURVES_OPTIONS, type CurveSeries, type CurvesOptions, curvesSpec } from './curves.js';
import type { PlotSpec } from './spec.js';

/** A training history as `@mlpkit/train`'s History holds it: one record per epoch. */
export interface HistoryLike {
  records: readonly { epoch: number; [key: string]: number | undefined }[];
  /** Set when training stopped early; `reason: 'diverged'` marks the curves as diverged. */
  stopped?: { reason: string } | null;
}

const PREFIXES: [string, string][] = [['', 'train'], ['val', 'validation'], ['test', 'test']];

/**
 * The curves of one logged metric (`'loss'`, `'accuracy'`) from a History: its train,
 * validation (`valLoss`) and test (`testLoss`) forms, whichever the records have. A diverged
 * run's curves are kept and marked.
 *
 * @example
 * trainingCurvesSpec(history, 'loss', { title: 'Cross-entropy per epoch' });
 */
export function trainingCurvesSpec(history: HistoryLike, metric: string, options: CurvesOptions & { labels?: Partial<Record<'train' | 'validation' | 'test', string>> } = {}): PlotSpec {
  checkOptions('trainingCurvesSpec', options, [...CURVES_OPTIONS, 'labels']);
  if (!history || !Array.isArray(history.records)) throw new MlpkitError('trainingCurvesSpec', 'expected a History (an object with records)');
  const diverged = history.stopped?.reason === 'diverged';
  const series: CurveSeries[] = [];
  for (const [prefix, name] of PREFIXES) {
    const key = prefix ? `${prefix}${metric[0].toUpperCase()}${metric.slice(1)}` : metric;
    const rows = history.records.filter((r) => typeof r[key] === 'number');
    if (rows.length === 0) continue;
    series.push({ name: options.labels?.[name as 'train'] ?? name, x: rows.map((r) => r.epoch + 1), y: rows.map((r) => r[key] as number), diverged });
  }
  if (series.length === 0) throw new MlpkitError('trainingCurvesSpec', `no record has "${metric}"; keys: ${Object.keys(history.records[0] ?? {}).join(', ')}`);
  const { labels: _labels, ...curveOptions } = options;
  return curvesSpec(series, { yTitle: metric, ...curveOptions });
}
