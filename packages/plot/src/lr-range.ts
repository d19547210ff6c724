import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkNumbers, checkSameLength } from './check.js';
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
}

/**
 * The LR range test: smoothed loss against a log-scaled learning rate, with its three regions
 * shaded and named (too low: the loss barely moves; good: it falls fast; exploding: it climbs),
 * and the suggestion as a dashed line.
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
  const minLossLr = data.minLossLr ?? finite.reduce((a, b) => (b.loss < a.loss ? b : a)).lr;
  // The good region starts a decade below the suggestion, where the loss begins to fall.
  const goodStart = Math.max(first, data.suggestedLr / 10);
  const regions = [
    { from: first, to: goodStart, region: 'too low: loss barely moves' },
    { from: goodStart, to: minLossLr, region: 'good: loss falls fast' },
    { from: minLossLr, to: last, region: 'exploding: loss climbs' },
  ].filter((r) => r.to > r.from);
  const x = { field: 'lr', type: 'quantitative', scale: { type: 'log' }, title: 'learning rate (log scale)' };
  return topLevel(options.title ?? `LR range test: suggested lr ${data.suggestedLr.toExponential(1)}`, {
    width: 480, height: 280,
    layer: [
      {
        data: { values: regions },
        mark: { type: 'rect', opacity: 0.18 },
        encoding: {
          x: { field: 'from', type: 'quantitative', scale: { type: 'log' } }, x2: { field: 'to' },
          color: { field: 'region', type: 'nominal', title: 'region', sort: regions.map((r) => r.region),
            scale: { domain: regions.map((r) => r.region), range: [OKABE_ITO[5], OKABE_ITO[2], OKABE_ITO[3]].slice(0, regions.length) }, legend: { orient: 'bottom', direction: 'vertical' } },
        },
      },
      { data: { values: finite }, mark: { type: 'line', color: OKABE_ITO[0] }, encoding: { x, y: { field: 'loss', type: 'quantitative', title: 'smoothed loss', scale: { zero: false } } } },
      { data: { values: [{ lr: data.suggestedLr, label: `suggested ${data.suggestedLr.toExponential(1)}` }] }, mark: { type: 'rule', color: OKABE_ITO[6], strokeDash: [5, 4] }, encoding: { x } },
      { data: { values: [{ lr: data.suggestedLr, label: `suggested ${data.suggestedLr.toExponential(1)}` }] }, mark: { type: 'text', align: 'left', dx: 4, y: 10 }, encoding: { x, text: { field: 'label' } } },
    ],
  });
}
