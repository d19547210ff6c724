// The search experiment's scatter: both stages' trials in one plot, so a student sees the fine
// stage sampling inside the region the coarse stage found.
import { type Distribution, type SearchResult, type Space, searchScatterSpec } from '@mlpkit/search';
import type { PlotSpec } from '@mlpkit/plot';

/** A log axis over the whole range `d` the coarse stage sampled, so the fine stage's box shows where it lies within it. */
function axis(field: string, d: Distribution<unknown>, title: string): Record<string, unknown> {
  return { field, type: 'quantitative', title, scale: { type: 'log', domain: [d.low, d.high], nice: false } };
}

/**
 * lr against reg on log axes, coloured by validation accuracy, one shape per stage, trials stopped
 * early paler; the fine stage's range drawn as a dashed box. `all` holds both stages' trials, each
 * with a `stage` param ('coarse' or 'fine').
 */
export function twoStageScatterSpec(all: SearchResult, coarseSpace: Space, fineSpace: Space | undefined): PlotSpec {
  const title = `${all.trials.filter((t) => t.score !== null).length} scored trials, coarse then fine: validation accuracy by lr and reg`;
  const { data, mark, encoding, ...top } = searchScatterSpec(all, 'lr', 'reg', { space: coarseSpace, metric: 'valAccuracy', title });
  const base = encoding as Record<string, Record<string, unknown>>;
  const [lrAxis, regAxis] = [coarseSpace.lr, coarseSpace.reg] as Distribution<unknown>[];
  const points: PlotSpec = {
    data, mark,
    encoding: {
      ...base,
      x: axis('lr', lrAxis, 'learning rate (lr)'),
      y: axis('reg', regAxis, 'L2 regularization (reg)'),
      color: { ...base.color, title: 'val_acc' },
      shape: { field: 'stage', type: 'nominal', title: 'stage', scale: { domain: ['coarse', 'fine'], range: ['circle', 'triangle-up'] } },
      opacity: { field: 'status', type: 'ordinal', title: 'trial', scale: { domain: ['ok', 'stopped'], range: [1, 0.4] } },
    },
  };
  if (!fineSpace) return { ...top, ...points };
  const [lr, reg] = [fineSpace.lr, fineSpace.reg] as Distribution<unknown>[];
  const box = { lr: lr.low, lr2: lr.high, reg: reg.low, reg2: reg.high };
  const x = axis('lr', lrAxis, 'learning rate (lr)');
  const y = axis('reg2', regAxis, 'L2 regularization (reg)');
  return {
    ...top,
    layer: [
      { data: { values: [box] }, mark: { type: 'rect', fillOpacity: 0, stroke: '#555555', strokeDash: [5, 4] }, encoding: { x, x2: { field: 'lr2' }, y, y2: { field: 'reg' } } },
      { data: { values: [box] }, mark: { type: 'text', align: 'left', baseline: 'bottom', dy: -3, color: '#555555' }, encoding: { x, y, text: { value: "fine stage's range" } } },
      points,
    ],
  };
}
