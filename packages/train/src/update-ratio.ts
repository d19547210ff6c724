import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import type { Callback, TrainContext } from './callback.js';

/** One measurement of update size relative to weight size. */
export interface UpdateRatio {
  /** Global step at which the update was measured. */
  step: number;
  /** Ratio ‖Δθ‖ / ‖θ‖ per named parameter. */
  ratios: Record<string, number>;
}

/** ‖after − before‖ / ‖before‖: one update's size relative to the weights it changed. */
export function updateToWeightRatio(before: ArrayLike<number>, after: ArrayLike<number>): number {
  return l2(after, before) / (l2(before) || Number.MIN_VALUE);
}

function l2(a: ArrayLike<number>, b?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = b ? a[i] - b[i] : a[i];
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * Tracks the slides' "ratio of weight updates to weight magnitudes", ‖Δθ‖/‖θ‖ per parameter,
 * every `every` steps: it copies the weights after one step and compares after the next, so the
 * ratio is exactly one optimizer update. The slides want it around 1e-3: much lower means the
 * learning rate is too low, much higher (≳1e-2) too high.
 *
 * @example
 * const ratios = new UpdateRatioMonitor({ every: 50 });
 * await fit(model, { ..., callbacks: [ratios] });
 * ratios.history.at(-1)?.ratios; // { '0.weight': 0.0011, ... }
 */
export class UpdateRatioMonitor implements Callback {
  readonly every: number;
  /** One entry per measurement. */
  readonly history: UpdateRatio[] = [];
  private previous: Map<string, Float64Array> | null = null;

  constructor(options: { every?: number } = {}) {
    checkOptions('UpdateRatioMonitor', options, ['every']);
    this.every = options.every ?? 100;
    if (!Number.isInteger(this.every) || this.every < 1) throw new MlpkitError('UpdateRatioMonitor', `every must be an integer >= 1, got ${options.every}`);
  }

  onBatchEnd(_batch: number, _logs: unknown, ctx: TrainContext): void {
    const params = namedParams(ctx);
    if (this.previous) {
      const ratios: Record<string, number> = {};
      for (const [name, p] of params) {
        const before = this.previous.get(name);
        if (before) ratios[name] = updateToWeightRatio(before, p.data as ArrayLike<number>);
      }
      this.history.push({ step: ctx.globalStep, ratios });
      this.previous = null;
    }
    if ((ctx.globalStep + 1) % this.every === 0) this.previous = new Map(params.map(([n, p]) => [n, Float64Array.from(p.data as ArrayLike<number>)]));
  }

  /** The mean ratio of each parameter over all measurements. */
  meanRatios(): Record<string, number> {
    const sums: Record<string, number> = {};
    for (const h of this.history) for (const [k, v] of Object.entries(h.ratios)) sums[k] = (sums[k] ?? 0) + v / this.history.length;
    return sums;
  }
}

/** The model's parameters by dotted name (by index for models without names). */
export function namedParams(ctx: TrainContext): [string, Tensor][] {
  const m = ctx.model as { namedParameters?: () => [string, Tensor][] };
  return typeof m.namedParameters === 'function' ? m.namedParameters() : ctx.model.parameters().map((p, i): [string, Tensor] => [String(i), p]);
}
