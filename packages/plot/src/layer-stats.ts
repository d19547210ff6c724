import { checkItems, isArray } from './check.js';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { type CurveSeries, curvesBody } from './curves.js';
import { type PlotSpec, topLevel } from './spec.js';

/** Per-layer numbers of one configuration (one line per series in each panel). */
export interface LayerStatsSeries {
  name: string;
  /** One entry per layer, in order; each key becomes a panel (`mean`, `std`, `deadFraction`, …). */
  layers: readonly Record<string, number>[];
}

/**
 * Per-layer statistics side by side, one panel per key (default mean and std), the layer index
 * on x and one line per configuration: the slides' "activations collapse to zero / saturate /
 * stay healthy" tables as a picture.
 *
 * @example
 * layerStatsSpec([{ name: 'He, ReLU', layers: [{ mean: 0.5, std: 0.8 }, { mean: 0.5, std: 0.8 }] }]);
 */
export function layerStatsSpec(series: readonly LayerStatsSeries[], options: { title?: string; keys?: readonly string[]; logY?: readonly string[] } = {}): PlotSpec {
  checkOptions('layerStatsSpec', options, ['title', 'keys', 'logY']);
  const keys = options.keys ?? ['mean', 'std'];
  checkItems('layerStatsSpec', series, 'series', true);
  for (const s of series) for (const k of keys)
    if (!isArray(s.layers) || s.layers.some((l) => l === null || typeof l !== 'object' || typeof l[k] !== 'number')) throw new MlpkitError('layerStatsSpec', `${s.name}: every layer needs a number "${k}"`);
  return topLevel(options.title, {
    hconcat: keys.map((k) => ({
      ...curvesBody(series.map((s): CurveSeries => ({ name: s.name, y: s.layers.map((l) => l[k]) })), {
        xTitle: 'layer', yTitle: k, width: 300, height: 220, logY: options.logY?.includes(k) ?? false,
      }),
    })),
  });
}
