import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import { type Histogram, histogram } from './histogram.js';
import { type ValueSummary, summarize } from './tensor-summary.js';
import { type ActivationKind, activationKind, deadUnitFraction, saturatedFraction } from './unit-stats.js';
import type { TrainableModel } from './types.js';

/** A forward-capable child module as `namedChildren()` returns it. */
type Child = { forward(x: Tensor, ...rest: unknown[]): Tensor; toString?(): string };

/** One layer's output statistics. */
export interface LayerStats extends ValueSummary {
  /** The child's name ('0', '1', … in a Sequential). */
  name: string;
  /** What the layer is (`Linear(inFeatures=…)`, `tanh()`). */
  layer: string;
  shape: readonly number[];
  /** The layer's family as read from its name: relu, tanh, sigmoid or other. */
  kind: ActivationKind;
  /** Share of units that output 0 for every example of the batch (dead ReLUs). */
  deadFraction: number;
  /** Share of outputs beyond the saturation threshold, for tanh and sigmoid layers (null for others). */
  saturatedFraction: number | null;
  /** The outputs in fixed bins (see {@link ActivationStatsOptions}). */
  histogram: Histogram;
}

/** Options of {@link activationStats}. */
export interface ActivationStatsOptions {
  /** Histogram bins (default 50). */
  bins?: number;
  /**
   * Histogram range for every layer; by default fixed per family so that layers and epochs
   * compare: tanh [-1, 1], sigmoid [0, 1], relu [0, 4], others [-4, 4].
   */
  range?: readonly [number, number];
  /** Saturation threshold (default 0.99): tanh |y| > t; sigmoid y > t or y < 1 − t. */
  saturationThreshold?: number;
}

/** The keys of {@link ActivationStatsOptions}. */
export const ACTIVATION_STATS_OPTIONS = ['bins', 'range', 'saturationThreshold'] as const satisfies readonly (keyof ActivationStatsOptions)[];

const DEFAULT_RANGES: Record<ActivationKind, readonly [number, number]> = { tanh: [-1, 1], sigmoid: [0, 1], relu: [0, 4], other: [-4, 4] };

/** One parameter's gradient statistics. */
export interface GradientStats extends ValueSummary {
  name: string;
  shape: readonly number[];
  /** ‖grad‖ / ‖param‖: how big a step of lr 1 would be relative to the weights. */
  gradToParam: number;
}

function childrenOf(model: TrainableModel): [string, Child][] {
  const m = model as TrainableModel & { namedChildren?: () => [string, Child][] };
  if (typeof m.namedChildren !== 'function')
    throw new MlpkitError('activationStats', 'the model must list its layers with namedChildren() (an nn Module such as Sequential)');
  return m.namedChildren();
}

/**
 * Runs one forward pass of `x` (eval mode, no gradients) and returns, for each direct child's
 * output in order, its mean and std, the share of dead units (0 for every example of `x`), the
 * share of saturated outputs of tanh/sigmoid layers, and a fixed-bin histogram: the slides'
 * per-layer activation tables and figures, which show activations collapsing to zero (small
 * init), saturating (unit init with tanh) or staying healthy (Xavier with tanh, He with ReLU).
 * Children are observed by wrapping their `forward` for the duration of the call only.
 *
 * @example
 * for (const s of activationStats(model, x)) console.log(s.name, s.layer, s.mean, s.std);
 */
export function activationStats(model: TrainableModel, x: Tensor, options: ActivationStatsOptions = {}): LayerStats[] {
  checkOptions('activationStats', options, ACTIVATION_STATS_OPTIONS);
  const children = childrenOf(model);
  const stats: LayerStats[] = [];
  const originals = children.map(([, c]) => Object.getOwnPropertyDescriptor(c, 'forward'));
  children.forEach(([name, child]) => {
    const forward = child.forward.bind(child);
    child.forward = (input: Tensor, ...rest: unknown[]) => {
      const out = forward(input, ...rest);
      stats.push(layerStats(name, String(child.toString?.() ?? name), out, options));
      return out;
    };
  });
  try {
    model.eval();
    noGrad(() => model.forward(x));
  } finally {
    children.forEach(([, child], i) => {
      const own = originals[i];
      if (own) Object.defineProperty(child, 'forward', own);
      else delete (child as { forward?: unknown }).forward;
    });
  }
  return stats;
}

/** The statistics of one layer's output. */
function layerStats(name: string, layer: string, out: Tensor, options: ActivationStatsOptions): LayerStats {
  const kind = activationKind(layer);
  return {
    name, layer, shape: out.shape, kind, ...summarize(out),
    deadFraction: deadUnitFraction(out),
    saturatedFraction: kind === 'tanh' || kind === 'sigmoid' ? saturatedFraction(out, kind, options.saturationThreshold) : null,
    histogram: histogram(out.data as ArrayLike<number>, { bins: options.bins, range: options.range ?? DEFAULT_RANGES[kind] }),
  };
}

/**
 * Statistics of every parameter's current gradient (after `loss.backward()`), by dotted name.
 * Vanishing gradients show as std shrinking towards the input layer; parameters without a
 * gradient are left out.
 */
export function gradientStats(model: TrainableModel): GradientStats[] {
  const m = model as TrainableModel & { namedParameters?: () => [string, Tensor][] };
  const named: [string, Tensor][] = typeof m.namedParameters === 'function'
    ? m.namedParameters()
    : model.parameters().map((p, i): [string, Tensor] => [String(i), p]);
  return named.filter(([, p]) => p.grad).map(([name, p]) => {
    const s = summarize(p.grad as Tensor);
    const paramNorm = summarize(p).norm;
    return { name, shape: p.shape, ...s, gradToParam: paramNorm > 0 ? s.norm / paramNorm : Number.POSITIVE_INFINITY };
  });
}

/** Renders stats as the slides print them: `layer 1 (Linear…): mean 0.000117 std 0.213081`. */
export function formatStatsTable(stats: readonly (LayerStats | GradientStats)[]): string {
  const w = Math.max(...stats.map((s) => ('layer' in s ? `${s.name} ${s.layer}` : s.name).length));
  return stats
    .map((s) => `${('layer' in s ? `${s.name} ${s.layer}` : s.name).padEnd(w)}  mean ${s.mean.toFixed(6).padStart(10)}  std ${s.std.toFixed(6).padStart(9)}`)
    .join('\n');
}
