import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import type { BatchLogs, Callback, TrainContext } from './callback.js';
import { ACTIVATION_STATS_OPTIONS, type ActivationStatsOptions, type GradientStats, type LayerStats, activationStats, gradientStats } from './layer-stats.js';
import { namedParams, updateToWeightRatio } from './update-ratio.js';

/** What {@link LayerStatsRecorder} keeps for one epoch. */
export interface LayerStatsRecord {
  /** 0-based epoch; -1 is the untrained model (recorded when training begins). */
  epoch: number;
  /** Per layer on the probe batch, in eval mode: mean, std, dead and saturated shares, histogram. */
  layers: LayerStats[];
  /** Per parameter, the gradient of the epoch's first step (its `norm`, mean, std …); empty for epoch -1. */
  gradients: GradientStats[];
  /** Per parameter, ‖Δθ‖/‖θ‖ of the epoch's first optimizer step (the slides want ≈ 1e-3); empty for epoch -1. */
  updateRatios: Record<string, number>;
}

/**
 * A callback recording per-layer statistics once per epoch: the activations of every layer on a
 * fixed probe batch (mean, std, the share of dead ReLU units, the share of saturated tanh/sigmoid
 * outputs, a fixed-bin histogram) after the epoch, and the gradient norms and update/weight
 * ratios of the epoch's first step. The probe batch is the same every epoch, so the numbers
 * compare across epochs; dead means "0 for every example of the probe batch".
 *
 * @example
 * const stats = new LayerStatsRecorder({ probe: xVal.slice(0, 512) });
 * await fit(model, { ..., callbacks: [stats] });
 * stats.records.at(-1)?.layers.map((l) => l.deadFraction);
 */
export class LayerStatsRecorder implements Callback {
  /** One record per epoch (and one for the untrained model, epoch -1). */
  readonly records: LayerStatsRecord[] = [];
  private readonly probe: Tensor;
  private readonly options: ActivationStatsOptions;
  private before: Map<string, Float64Array> | null = null;
  private pending: Pick<LayerStatsRecord, 'gradients' | 'updateRatios'> = { gradients: [], updateRatios: {} };

  constructor(options: { probe: Tensor } & ActivationStatsOptions) {
    if (!options || !options.probe || typeof (options.probe as Tensor).shape !== 'object')
      throw new MlpkitError('LayerStatsRecorder', 'probe: expected a Tensor batch of inputs (e.g. 512 validation examples)');
    checkOptions('LayerStatsRecorder', options, ['probe', ...ACTIVATION_STATS_OPTIONS]);
    const { probe, ...rest } = options;
    this.probe = probe;
    this.options = rest;
  }

  onTrainBegin(ctx: TrainContext): void {
    this.records.push({ epoch: -1, layers: this.probeStats(ctx), gradients: [], updateRatios: {} });
  }

  onEpochBegin(_epoch: number, ctx: TrainContext): void {
    this.before = new Map(namedParams(ctx).map(([n, p]) => [n, Float64Array.from(p.data as ArrayLike<number>)]));
  }

  onBatchEnd(batch: number, _logs: BatchLogs, ctx: TrainContext): void {
    if (batch !== 0 || !this.before) return;
    const updateRatios: Record<string, number> = {};
    for (const [name, p] of namedParams(ctx)) {
      const before = this.before.get(name);
      if (before) updateRatios[name] = updateToWeightRatio(before, p.data as ArrayLike<number>);
    }
    // After step() the gradients of this batch are still there: fit clears them before the next batch.
    this.pending = { gradients: gradientStats(ctx.model), updateRatios };
    this.before = null;
  }

  onEpochEnd(epoch: number, _logs: unknown, ctx: TrainContext): void {
    this.records.push({ epoch, layers: this.probeStats(ctx), ...this.pending });
    this.pending = { gradients: [], updateRatios: {} };
  }

  private probeStats(ctx: TrainContext): LayerStats[] {
    const stats = activationStats(ctx.model, this.probe, this.options);
    ctx.model.train();
    return stats;
  }
}
