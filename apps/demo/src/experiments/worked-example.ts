import { Linear } from '@mlpkit/nn';
import { tensor } from '@mlpkit/tensor';
import type { PlotSpec } from '@mlpkit/plot';
import { OKABE_ITO, topLevel } from '@mlpkit/plot';
import type { Comparison } from './experiment.js';
import { type SlideRounding, compareToSlide } from './slide-number.js';

/** A Linear layer with a slide's weights: the slides write W as [in, out]; PyTorch stores Wᵀ. */
export function linearFromSlide(slideW: number[][], bias: number[]): Linear {
  const layer = new Linear(slideW.length, slideW[0].length, { dtype: 'float64' });
  layer.loadStateDict({ weight: tensor(slideW[0].map((_, j) => slideW.map((row) => row[j])), { dtype: 'float64' }), bias: tensor(bias, { dtype: 'float64' }) });
  return layer;
}

/** Collects slide-vs-ours rows for printed numbers, counting the ones that differ. */
export class SlideChecks {
  readonly rows: Comparison[] = [];
  differ = 0;

  /** `rounding`: how this slide turned its numbers into digits (see SlideRounding). */
  constructor(readonly rounding: SlideRounding) {}

  /**
   * Compares each value with the slide's printed string (same digits, the slide's rounding, or
   * `rounding` for a row the slide printed the other way); the exact values go in their own column.
   */
  check(what: string, values: readonly number[], printed: readonly string[], note = '', rounding = this.rounding): void {
    const ours = values.map((v, i) => compareToSlide(v, printed[i], rounding));
    this.differ += ours.filter((o) => !o.same).length;
    this.rows.push({
      what, slides: printed.join(' '), ours: `${ours.map((o) => o.ours).join(' ')}${note ? `  (${note})` : ''}`,
      exact: values.map((v) => Number(v.toPrecision(6))).join(' '),
    });
  }
}

/** A bar chart of named values (gradients, probabilities), grouped by `group` and coloured by `series`. */
export function barsSpec(title: string, rows: { group: string; series: string; value: number }[], yTitle: string): PlotSpec {
  const series = [...new Set(rows.map((r) => r.series))];
  return topLevel(title, {
    width: { step: 28 }, height: 220, data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30 } },
      xOffset: { field: 'series', sort: series },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null, sort: series, scale: { domain: series, range: OKABE_ITO.slice(0, series.length) }, legend: { orient: 'bottom' } },
    },
  });
}
