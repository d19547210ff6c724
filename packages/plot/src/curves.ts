import { checkBoolean, checkOptions } from '@mlpkit/tensor';
import { checkItems, checkNumbers, checkSameLength } from './check.js';
import { logAxis } from './log-axis.js';
import { categoricalScale } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** One line of a curve chart. */
export interface CurveSeries {
  /** The legend's label. */
  name: string;
  /** y values; NaN and ±Infinity are not drawn: the line breaks there (and a diverged run stops there). */
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
  /**
   * Logarithmic y axis. By default it is chosen when the drawn values are all positive and span
   * two decades or more (a diverged run's spike, a loss falling to 1e-4), and the y title then
   * says "(log scale)"; `false` keeps a linear axis, `true` asks for a log one.
   */
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
  for (const key of ['logX', 'logY'] as const) if (options[key] !== undefined) checkBoolean(op, key, options[key]);
  checkItems(op, series, 'series', true);
  const values: CurvePoint[] = [];
  const ends: CurvePoint[] = [];
  for (const s of series) {
    checkNumbers(op, `${s.name}.y`, s.y);
    if (s.x) {
      checkNumbers(op, `${s.name}.x`, s.x);
      checkSameLength(op, [`${s.name}.x`, s.x], [`${s.name}.y`, s.y]);
    }
    const points = curvePoints(s);
    values.push(...points);
    if (s.diverged && points.length > 0) ends.push(points[points.length - 1]);
  }
  const labels = series.map(seriesLabel);
  const color = { field: 'series', type: 'nominal', title: null, scale: categoricalScale(labels), sort: labels, legend: { orient: 'bottom', direction: 'vertical' } };
  // Epochs and steps are whole numbers: no 1.5 ticks between them.
  const whole = values.every((v) => Number.isInteger(v.x));
  const x = {
    field: 'x', type: 'quantitative', title: options.xTitle ?? 'epoch', scale: options.logX ? { type: 'log' } : { zero: false },
    ...(options.logX ? { axis: logAxis(values.map((v) => v.x)) } : whole ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
  };
  const autoLog = options.logY === undefined && spansDecades(values.map((v) => v.y));
  const logY = options.logY === true || autoLog;
  const yTitle = `${options.yTitle ?? 'value'}${autoLog ? ' (log scale)' : ''}`;
  const y = { field: 'y', type: 'quantitative', title: yTitle, ...(logY ? { scale: { type: 'log' }, axis: logAxis(values.map((v) => v.y)) } : { scale: { zero: false } }) };
  const layers: PlotSpec[] = [
    // detail: one path per finite stretch, so a NaN leaves a gap instead of a line drawn through it.
    { data: { values }, mark: { type: 'line', point: values.length <= 200 }, encoding: { x, y, color, detail: { field: 'stretch', type: 'nominal' } } },
  ];
  if (ends.length > 0) {
    layers.push({ data: { values: ends }, mark: { type: 'point', shape: CROSS, size: 110, strokeWidth: 3, filled: false, opacity: 1 }, encoding: { x, y, color } });
    layers.push({ data: { values: ends }, mark: { type: 'text', dy: -12, fontWeight: 'bold', text: 'diverged' }, encoding: { x, y, color } });
  }
  return { width: options.width ?? 420, height: options.height ?? 260, layer: layers };
}

/** A drawn point: `stretch` numbers the runs of finite values of its series. */
interface CurvePoint { x: number; y: number; series: string; stretch: number }

/** The finite points of a series, each run between non-finite values numbered as its own stretch. */
function curvePoints(s: CurveSeries): CurvePoint[] {
  const label = seriesLabel(s);
  const points: CurvePoint[] = [];
  let stretch = 0;
  s.y.forEach((y, i) => {
    if (!Number.isFinite(y)) {
      if (points.length > 0 && points[points.length - 1].stretch === stretch) stretch++;
      return;
    }
    points.push({ x: s.x ? s.x[i] : i + 1, y, series: label, stretch });
  });
  return points;
}

// An ✕ (Vega's 'cross' is a +), drawn as a path in the unit square.
const CROSS = 'M-1,-1L1,1M-1,1L1,-1';

/**
 * Whether positive values span two decades or more: on a linear axis the lower curves would then
 * sit in the bottom hundredth of the plot (a diverged run's spike flattens the healthy ones).
 */
export function spansDecades(values: readonly number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!(v > 0)) return false;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return values.length > 0 && max / min >= 100;
}
