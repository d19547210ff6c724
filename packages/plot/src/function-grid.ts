import { checkOptions } from '@mlpkit/tensor';
import { checkItems, checkNumbers, checkSameLength } from './check.js';
import { categoricalScale } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** A function and its derivative sampled on the same x. */
export interface FunctionCurve {
  name: string;
  x: readonly number[];
  f: readonly number[];
  df: readonly number[];
}

/**
 * A grid of small plots, one per function, each with f and f′ (the activations and their
 * derivatives as the slides draw them).
 *
 * @example
 * functionGridSpec([{ name: 'relu', x: [-1, 0, 1], f: [0, 0, 1], df: [0, 0, 1] }]);
 */
export function functionGridSpec(curves: readonly FunctionCurve[], options: { title?: string; columns?: number } = {}): PlotSpec {
  const op = 'functionGridSpec';
  checkOptions(op, options, ['title', 'columns']);
  checkItems(op, curves, 'function', true);
  const values = curves.flatMap((c) => {
    for (const k of ['x', 'f', 'df'] as const) checkNumbers(op, `${c.name}.${k}`, c[k]);
    checkSameLength(op, [`${c.name}.x`, c.x], [`${c.name}.f`, c.f]);
    checkSameLength(op, [`${c.name}.x`, c.x], [`${c.name}.df`, c.df]);
    return c.x.flatMap((x, i) => [{ name: c.name, x, y: c.f[i], curve: 'f(x)' }, { name: c.name, x, y: c.df[i], curve: "f′(x)" }]);
  });
  return topLevel(options.title, {
    data: { values },
    facet: { field: 'name', type: 'nominal', sort: curves.map((c) => c.name), title: null },
    columns: options.columns ?? 4,
    // Every panel its own x axis: with shared ones, an empty last cell got an axis under nothing.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
    spec: {
      width: 150, height: 110,
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'x' },
        y: { field: 'y', type: 'quantitative', title: null },
        color: { field: 'curve', type: 'nominal', title: null, scale: categoricalScale(['f(x)', "f′(x)"]), legend: { orient: 'top' } },
        // Same field and title as colour, so both merge into one legend drawing solid f and dashed f′.
        strokeDash: { field: 'curve', type: 'nominal', title: null, scale: { domain: ['f(x)', "f′(x)"], range: [[1, 0], [5, 3]] }, legend: { orient: 'top' } },
      },
    },
  });
}
