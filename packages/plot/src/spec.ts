/** A Vega-Lite spec as a plain object: render it with `@mlpkit/plot/node` or with vega-embed in a page. */
export type PlotSpec = { [key: string]: unknown };

/** The Vega-Lite schema every builder's spec names. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * What every spec shares: a white background, one font, and legends and axis labels that are
 * never truncated (Vega-Lite cuts labels at 160 px by default: "ReLU + Adam, 7 lay…"), with the
 * axis title beyond them however long they are (Vega stops an axis at 200 px by default and
 * draws its title over longer labels: "true class" across the class names).
 */
export const BASE_CONFIG = {
  font: 'DejaVu Sans',
  legend: { labelLimit: 1000, titleLimit: 1000 },
  axis: { labelLimit: 1000, titleLimit: 1000, maxExtent: 1000 },
  header: { labelLimit: 1000 },
  title: { limit: 1000, anchor: 'start' },
} as const;

/** Wraps a spec's body with the schema, title, white background and the shared config. */
export function topLevel(title: string | undefined, body: PlotSpec): PlotSpec {
  return { $schema: VEGA_LITE_SCHEMA, ...(title === undefined ? {} : { title }), background: 'white', config: BASE_CONFIG, ...body };
}
