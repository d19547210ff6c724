import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkItems, checkNumbers } from './check.js';
import { OKABE_ITO } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** One histogram with fixed bins: `edges` has one more entry than `counts`. */
export interface HistogramData {
  /** The panel's label (a layer's name). */
  name: string;
  edges: readonly number[];
  counts: readonly number[];
}

/**
 * One bar histogram per panel (per layer), side by side in rows of `columns`, from pre-binned
 * counts (`@mlpkit/train`'s `histogram`), as the slides draw the activations of each layer of a
 * deep net. Counts are shown as the share of values per bin, so panels compare at a glance.
 *
 * @example
 * histogramsSpec([{ name: 'layer 1', edges: [-1, 0, 1], counts: [30, 70] }], { title: 'Activations' });
 */
export function histogramsSpec(histograms: readonly HistogramData[], options: { title?: string; columns?: number; panelWidth?: number; xTitle?: string } = {}): PlotSpec {
  const op = 'histogramsSpec';
  checkOptions(op, options, ['title', 'columns', 'panelWidth', 'xTitle']);
  checkItems(op, histograms, 'histogram', true);
  const values = histograms.flatMap((h) => {
    checkNumbers(op, `${h.name}.edges`, h.edges);
    checkNumbers(op, `${h.name}.counts`, h.counts);
    if (h.edges.length !== h.counts.length + 1) throw new MlpkitError(op, `${h.name}: edges must have one more entry than counts, got ${h.edges.length} and ${h.counts.length}`);
    const total = h.counts.reduce((a, b) => a + b, 0) || 1;
    return h.counts.map((c, i) => ({ panel: h.name, x0: h.edges[i], x1: h.edges[i + 1], share: c / total }));
  });
  return topLevel(options.title, {
    data: { values },
    facet: { field: 'panel', type: 'nominal', sort: histograms.map((h) => h.name), title: null },
    columns: options.columns ?? 5,
    // An x axis of each panel's own: a shared one sits in the grid's footer, under every column,
    // so 7 layers in 5 columns drew 3 axes under the last row's empty cells. The scale stays shared.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
    spec: {
      width: options.panelWidth ?? 150, height: 110,
      mark: { type: 'bar', color: OKABE_ITO[0], binSpacing: 0 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: options.xTitle ?? 'value', bin: { binned: true } }, x2: { field: 'x1' },
        y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '~%' } },
      },
    },
  });
}
