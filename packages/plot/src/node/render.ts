import { Resvg } from '@resvg/resvg-js';
import { checkOptions } from '@mlpkit/tensor';
import { writeFile } from 'node:fs/promises';
import type { TopLevelSpec } from 'vega-lite';
import type { PlotSpec } from '../spec.js';

// The font the specs name (BASE_CONFIG) and the PNG renderer falls back to, so text measures and draws alike.
const FONT = 'DejaVu Sans';

/**
 * Renders a Vega-Lite spec to SVG text with Vega's headless renderer (no browser, no canvas).
 *
 * @example
 * const svg = await toSvg(curvesSpec([{ name: 'loss', y: [1, 0.5] }]));
 */
export async function toSvg(spec: PlotSpec): Promise<string> {
  // vega and vega-lite are ES modules with top-level await: loaded with import() so that the
  // CommonJS build of this module can still be required.
  const [{ View, parse }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const vegaSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterizes SVG text to PNG bytes on a white background, at `scale`× (default 2, sharp on high-DPI screens). */
export function toPng(svg: string, options: { scale?: number } = {}): Uint8Array {
  checkOptions('toPng', options, ['scale']);
  const resvg = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: options.scale ?? 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT } });
  return resvg.render().asPng();
}

/**
 * Writes `<base>.svg` and `<base>.png` for a spec; returns both paths.
 *
 * @example
 * await writePlot(confusionMatrixSpec(matrix, names), 'out/confusion-matrix');
 */
export async function writePlot(spec: PlotSpec, base: string): Promise<[png: string, svg: string]> {
  const svg = await toSvg(spec);
  await writeFile(`${base}.svg`, svg);
  await writeFile(`${base}.png`, toPng(svg));
  return [`${base}.png`, `${base}.svg`];
}
