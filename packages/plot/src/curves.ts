import { checkOptions } from '@mlpkit/tensor';
import { checkItems, checkNumbers, checkSameLength } from './check.js';
import { categoricalScale } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** One line of a curve chart. */
export interface CurveSeries {
  /** The legend's label. */
  name: string;
  /** y values; NaN and ±Infinity end the drawn line (a diverged run stops there). */
  y: readonly number[];
  /** x values (default 1, 2, 3, …: epochs). */
  x?: readonly number[];
  /** The run diverged: its line is kept up to its last finite point, marked with ✕ and "(diverged)" in the legend. */
  diverged?: boolean;
}

/** Options of {@link curvesSpec}. */
export interface CurvesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Logarithmic y axis (losses spanning decades). */
  logY?: boolean;
  /** Logarithmic x axis. */
  logX?: boolean;
  width?: number;
  height?: number;
}

/** The keys of {@link CurvesOptions}. */
export const CURVES_OPTIONS = ['title', 'xTitle', 'yTitle', 'logY', 'logX', 'width', 'height'] as const satisfies readonly (keyof CurvesOptions)[];

/** The legend label of a series: its name, plus "(diverged)" when it did. */
export function seriesLabel(s: CurveSeries): string {
  return s.diverged ? `${s.name} (diverged)` : s.name;
}

/**
 * Lines per series over x (epochs by default), in the Okabe-Ito colours. A diverged series keeps
 * its finite points and ends with a ✕, so a failed run stays visible instead of leaving the plot.
 *
 * @example
 * curvesSpec([{ name: 'train', y: [0.9, 0.5, 0.4] }, { name: 'lr 1', y: [2.3, Infinity], diverged: true }], { yTitle: 'loss' });
 */
export function curvesSpec(series: readonly CurveSeries[], options: CurvesOptions = {}): PlotSpec {
  return topLevel(options.title, curvesBody(series, options));
}

/** {@link curvesSpec} without the top level, to place inside `hconcat`/`vconcat`. */
export function curvesBody(series: readonly CurveSeries[], options: CurvesOptions = {}): PlotSpec {
  const op = 'curvesSpec';
  checkOptions(op, options, CURVES_OPTIONS);
  checkItems(op, series, 'series', true);
  const values: { x: number; y: number; series: string }[] = [];
  const ends: { x: number; y: number; series: string }[] = [];
  for (const s of series) {
    checkNumbers(op, `${s.name}.y`, s.y);
    if (s.x) {
      checkNumbers(op, `${s.name}.x`, s.x);
      checkSameLength(op, [`${s.name}.x`, s.x], [`${s.name}.y`, s.y]);
    }
    const label = seriesLabel(s);
    const points = s.y.map((y, i) => ({ x: s.x ? s.x[i] : i + 1, y, series: label })).filter((p) => Number.isFinite(p.y));
    values.push(...points);
    if (s.diverged && points.length > 0) ends.push(points[points.length - 1]);
  }
  const labels = series.map(seriesLabel);
  const color = { field: 'series', type: 'nominal', title: null, scale: categoricalScale(labels), sort: labels, legend: { orient: 'bottom', direction: 'vertical' } };
  // Epochs and steps are whole numbers: no 1.5 ticks between them.
  const whole = values.every((v) => Number.isInteger(v.x));
  const x = {
    field: 'x', type: 'quantitative', title: options.xTitle ?? 'epoch', scale: options.logX ? { type: 'log' } : { zero: false },
    ...(whole && !options.logX ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
  };
  const y = { field: 'y', type: 'quantitative', title: options.yTitle ?? 'value', scale: options.logY ? { type: 'log' } : { zero: false } };
  const layers: PlotSpec[] = [
    { data: { values }, mark: { type: 'line', point: values.length <= 200 }, encoding: { x, y, color } },
  ];
  if (ends.length > 0) {
    layers.push({ data: { values: ends }, mark: { type: 'point', shape: 'cross', size: 160, strokeWidth: 3, filled: true }, encoding: { x, y, color } });
    layers.push({ data: { values: ends }, mark: { type: 'text', dy: -12, fontWeight: 'bold', text: 'diverged' }, encoding: { x, y, color } });
  }
  return { width: options.width ?? 420, height: options.height ?? 260, layer: layers };
}
