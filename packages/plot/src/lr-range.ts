import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkNumbers, checkSameLength } from './check.js';
import { logAxis } from './log-axis.js';
import { OKABE_ITO } from './palette.js';
import { type PlotSpec, topLevel } from './spec.js';

/** What {@link lrRangeSpec} draws: `lrRangeTest`'s result from `@mlpkit/train`, or plain arrays. */
export interface LrRangeData {
  lrs: readonly number[];
  losses: readonly number[];
  /** The suggested learning rate (steepest descent), drawn as a dashed rule. */
  suggestedLr: number;
  /** Where the loss stops falling usefully (default: the lowest loss's lr); between it and the end the loss explodes. */
  minLossLr?: number;
  /**
   * Where the loss starts to fall (default: a decade below the suggestion); below it the rate is
   * too low. NaN says it never falls: too low runs up to `minLossLr`.
   */
  lossMovesLr?: number;
}

/**
 * The LR range test: smoothed loss against a log-scaled learning rate, with its three regions
 * shaded and named (too low: the loss barely moves; good: it falls fast; exploding: it climbs),
 * and the suggestion as a dashed line. When the loss explodes, the y axis stops at half the fall
 * above the starting loss and the last loss is written where the line leaves the chart.
 *
 * @example
 * lrRangeSpec({ lrs: [1e-5, 1e-3, 1e-1, 1], losses: [2.3, 2.2, 1.2, 9], suggestedLr: 1e-2 });
 */
export function lrRangeSpec(data: LrRangeData, options: { title?: string } = {}): PlotSpec {
  const op = 'lrRangeSpec';
  checkOptions(op, options, ['title']);
  if (!data || typeof data !== 'object') throw new MlpkitError(op, 'expected { lrs, losses, suggestedLr }');
  checkNumbers(op, 'lrs', data.lrs);
  checkNumbers(op, 'losses', data.losses);
  checkSameLength(op, ['lrs', data.lrs], ['losses', data.losses]);
  if (data.lrs.length < 2) throw new MlpkitError(op, `expected at least 2 points, got ${data.lrs.length}`);
  if (!(data.suggestedLr > 0)) throw new MlpkitError(op, `suggestedLr must be > 0, got ${data.suggestedLr}`);
  const first = data.lrs[0];
  const last = data.lrs[data.lrs.length - 1];
  const finite = data.losses.map((l, i) => ({ lr: data.lrs[i], loss: l })).filter((p) => Number.isFinite(p.loss));
  if (finite.length === 0) throw new MlpkitError(op, `losses: expected at least one finite loss, got ${data.losses.length} NaN or infinite`);
  const minLossLr = data.minLossLr ?? finite.reduce((a, b) => (b.loss < a.loss ? b : a)).lr;
  const moves = data.lossMovesLr;
  if (moves !== undefined && !(moves > 0 || Number.isNaN(moves))) throw new MlpkitError(op, `lossMovesLr must be > 0 or NaN, got ${moves}`);
  // Without a measured start, the loss is taken to begin falling a decade below the suggestion.
  const goodStart = moves === undefined ? Math.max(first, data.suggestedLr / 10) : Number.isNaN(moves) ? minLossLr : Math.max(first, moves);
  const regions = [
    { from: first, to: goodStart, region: 'too low: loss barely moves' },
    { from: goodStart, to: minLossLr, region: 'good: loss falls fast' },
    { from: minLossLr, to: last, region: 'exploding: loss climbs' },
  ].filter((r) => r.to > r.from);
  const x = { field: 'lr', type: 'quantitative', scale: { type: 'log' }, axis: logAxis(data.lrs), title: 'learning rate (log scale)' };
  const ceiling = lossCeiling(finite);
  const lastLoss = data.losses[data.losses.length - 1];
  // Written right-aligned where the line leaves the chart, one line below the suggestion's label.
  const offTop = ceiling === undefined ? [] : [{
    lr: finite.find((p) => p.loss > ceiling)?.lr ?? last,
    label: `↑ off the chart: loss ${formatLoss(lastLoss)} at lr ${last.toExponential(1)}`,
  }];
  const low = Math.min(...finite.map((p) => p.loss));
  const y = {
    field: 'loss', type: 'quantitative', title: 'smoothed loss',
    scale: ceiling === undefined ? { zero: false } : { domain: [low - 0.05 * (ceiling - low), ceiling], nice: false },
  };
  return topLevel(options.title ?? `LR range test: suggested lr ${data.suggestedLr.toExponential(1)}`, {
    width: 480, height: 280,
    layer: [
      {
        data: { values: regions },
        mark: { type: 'rect', opacity: 0.18 },
        encoding: {
          x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, axis: logAxis(data.lrs) }, x2: { field: 'to' },
          color: { field: 'region', type: 'nominal', title: 'region', sort: regions.map((r) => r.region),
            scale: { domain: regions.map((r) => r.region), range: [OKABE_ITO[5], OKABE_ITO[2], OKABE_ITO[3]].slice(0, regions.length) }, legend: { orient: 'bottom', direction: 'vertical' } },
        },
      },
      { data: { values: finite }, mark: { type: 'line', color: OKABE_ITO[0], clip: true }, encoding: { x, y } },
      ...offTop.map((p) => ({ data: { values: [p] }, mark: { type: 'text', align: 'right', dx: -10, y: 26 }, encoding: { x, text: { field: 'label' } } })),
      { data: { values: [{ lr: data.suggestedLr, label: `suggested ${data.suggestedLr.toExponential(1)}` }] }, mark: { type: 'rule', color: OKABE_ITO[6], strokeDash: [5, 4] }, encoding: { x } },
      { data: { values: [{ lr: data.suggestedLr, label: `suggested ${data.suggestedLr.toExponential(1)}` }] }, mark: { type: 'text', align: 'left', dx: 4, y: 10 }, encoding: { x, text: { field: 'label' } } },
    ],
  });
}

/**
 * The top of the y axis: half the fall above the starting level, when the loss explodes past it.
 * Without it the explosion (thousands, or the last finite value before Infinity) sets the axis
 * and the whole useful descent, from 2.3 to 0.6, is drawn as a flat line at zero.
 */
function lossCeiling(points: readonly { loss: number }[]): number | undefined {
  let low = 0;
  points.forEach((p, i) => { if (p.loss < points[low].loss) low = i; });
  const start = Math.max(...points.slice(0, low + 1).map((p) => p.loss));
  const ceiling = start + 0.5 * (start - points[low].loss);
  return ceiling > points[low].loss && points.some((p) => p.loss > ceiling) ? ceiling : undefined;
}

/** A loss for a label: 3 significant digits, exponent notation from 1e4, and NaN or Infinity as such. */
function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return Math.abs(loss) >= 1e4 ? loss.toExponential(1) : String(Number(loss.toPrecision(3)));
}
