import { checkItems } from './check.js';
import { MlpkitError, checkOptions, describe } from '@mlpkit/tensor';
import { logAxis } from './log-axis.js';
import { OKABE_ITO } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** One trial of a search: its hyperparameters and its score (NaN when it diverged). */
export interface TrialLike {
  params: Record<string, number>;
  score: number;
}

/**
 * Search results as a scatter of two hyperparameters (log axes by default, as they were sampled),
 * coloured by the metric with viridis (readable in grey and with colour-vision deficiencies);
 * trials without a score (diverged) are grey crosses.
 *
 * @example
 * searchResultsSpec(trials, { x: 'lr', y: 'reg', metric: 'val_acc' });
 */
export function searchResultsSpec(trials: readonly TrialLike[], options: { x: string; y: string; metric?: string; title?: string; logX?: boolean; logY?: boolean }): PlotSpec {
  const op = 'searchResultsSpec';
  if (options === null || typeof options !== 'object') throw new MlpkitError(op, `expected options naming the params to plot, { x, y }, got ${describe(options)}`);
  checkOptions(op, options, ['x', 'y', 'metric', 'title', 'logX', 'logY']);
  checkItems(op, trials, 'trial', false);
  const metric = options.metric ?? 'score';
  const rows = trials.map((t, i) => {
    const x = t.params?.[options.x];
    const y = t.params?.[options.y];
    if (typeof x !== 'number' || typeof y !== 'number') throw new MlpkitError(op, `trial ${i}: expected numbers params.${options.x} and params.${options.y}`);
    return { x, y, score: t.score };
  });
  const scaled = (log: boolean | undefined, values: number[]) => (log === false ? { scale: { zero: false } } : { scale: { type: 'log' }, axis: logAxis(values) });
  const x = { field: 'x', type: 'quantitative', title: options.x, ...scaled(options.logX, rows.map((r) => r.x)) };
  const y = { field: 'y', type: 'quantitative', title: options.y, ...scaled(options.logY, rows.map((r) => r.y)) };
  const scored = rows.filter((r) => Number.isFinite(r.score));
  const failed = rows.filter((r) => !Number.isFinite(r.score)).map((r) => ({ ...r, label: 'diverged' }));
  // With no scored trial the colour scale has an empty domain, and Vega draws a legend reading "NaN".
  const layer: PlotSpec[] = scored.length === 0 ? [] : [{
    data: { values: scored },
    mark: { type: 'circle', size: 90, opacity: 0.9, stroke: 'black', strokeWidth: 0.4 },
    encoding: { x, y, color: { field: 'score', type: 'quantitative', title: metric, scale: { scheme: 'viridis' } }, tooltip: [{ field: 'score', format: '.4f' }] },
  }];
  if (failed.length) layer.push({
    data: { values: failed }, mark: { type: 'point', shape: 'cross', size: 80, color: OKABE_ITO[6], opacity: 0.4 },
    encoding: { x, y, shape: { field: 'label', type: 'nominal', title: null, scale: { range: ['cross'] } } },
  });
  return topLevel(options.title, { width: 420, height: 320, layer, resolve: { legend: { color: 'independent' } } });
}
