import { Resvg } from '@resvg/resvg-js';
import { writeFile } from 'node:fs/promises';
import { View, parse } from 'vega';
import { type TopLevelSpec, compile } from 'vega-lite';

// One font the SVG names and the PNG renderer loads, so text measures and draws alike.
const FONT = 'DejaVu Sans';

/** One point of a curve: x, y and which series it belongs to. */
export interface CurvePoint {
  epoch: number;
  value: number;
  series: string;
}

/** Renders a Vega-Lite spec to SVG text (Vega's headless renderer, no browser). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile({ ...spec, config: { font: FONT, ...spec.config } } as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  return view.toSVG(2);
}

/** Rasterizes SVG text to PNG bytes on a white background. */
export function toPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT } });
  return resvg.render().asPng();
}

/** Writes `<base>.svg` and `<base>.png`; returns the PNG's path. */
export async function writeChart(spec: TopLevelSpec, base: string): Promise<string> {
  const svg = await toSvg(spec);
  await writeFile(`${base}.svg`, svg);
  await writeFile(`${base}.png`, toPng(svg));
  return `${base}.png`;
}

/** Curves per series over epochs (train vs validation loss, accuracy, or one line per configuration). */
export function curveSpec(title: string, yTitle: string, points: readonly CurvePoint[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title, width: 420, height: 260, background: 'white',
    data: { values: points as CurvePoint[] },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

/** A heatmap of a confusion matrix with counts written in the cells. */
export function confusionSpec(title: string, matrix: number[][], classNames: readonly string[]): TopLevelSpec {
  const values = matrix.flatMap((row, i) => row.map((count, j) => ({ actual: classNames[i], predicted: classNames[j], count })));
  const order = [...classNames];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title, width: 420, height: 420, background: 'white',
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: order, axis: { labelAngle: -45 } },
      y: { field: 'actual', type: 'nominal', sort: order },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null } } },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: `datum.count > ${Math.max(...matrix.flat()) / 2}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
