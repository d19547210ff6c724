import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { isDistribution } from './distributions.js';
import type { SearchResult } from './search-result.js';
import type { Space } from './space.js';

/**
 * A Vega-Lite spec (a plain object) of the search: `x` against `y`, one point per scored trial,
 * coloured by its score. Axes of `logUniform` hyperparameters are logarithmic when `space` is given.
 * Render it with any Vega-Lite renderer (`@mlpkit/plot/node`, vega-embed, the demo's charts).
 *
 * @example
 * const spec = searchScatterSpec(result, 'lr', 'reg', { space });
 */
export function searchScatterSpec(result: SearchResult<unknown>, x: string, y: string, options: { space?: Space; metric?: string; title?: string } = {}): Record<string, unknown> {
  checkOptions('searchScatterSpec', options, ['space', 'metric', 'title']);
  const scored = result.trials.filter((t) => t.score !== null);
  for (const key of [x, y]) {
    if (!scored.every((t) => typeof (t.params as Record<string, unknown>)[key] === 'number')) {
      throw new MlpkitError('searchScatterSpec', `hyperparameter '${key}' must be numeric in every scored trial`);
    }
  }
  const metric = options.metric ?? 'score';
  const scale = (key: string): Record<string, unknown> => {
    const d = options.space?.[key];
    return isDistribution(d) && d.kind === 'logUniform' ? { type: 'log' } : { zero: false };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? `${scored.length} trials: ${metric} by ${x} and ${y}`,
    width: 360, height: 280, background: 'white',
    data: { values: scored.map((t) => ({ ...(t.params as object), [metric]: t.score, status: t.status, trial: t.index })) },
    mark: { type: 'point', filled: true, size: 70 },
    encoding: {
      x: { field: x, type: 'quantitative', scale: scale(x) },
      y: { field: y, type: 'quantitative', scale: scale(y) },
      color: { field: metric, type: 'quantitative', scale: { scheme: 'viridis', reverse: result.mode === 'min' } },
      shape: { field: 'status', type: 'nominal' },
      tooltip: [{ field: 'trial' }, { field: metric }, { field: x }, { field: y }, { field: 'status' }],
    },
  };
}
