import { MlpkitError, StateReader, type Tensor, checkOptions } from '@mlpkit/tensor';
import type { BatchLogs, Callback, CallbackState, TrainContext } from './callback.js';
import { ACTIVATION_STATS_OPTIONS, type ActivationStatsOptions, type GradientStats, type LayerStats, activationStats, gradientStats } from './layer-stats.js';
import { readLayerStatsState, saveRecords } from './layer-stats-state.js';
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

/** Options of {@link LayerStatsRecorder}. */
export interface LayerStatsRecorderOptions extends ActivationStatsOptions {
  /** The fixed batch of inputs every epoch's layer statistics are taken on (e.g. 512 validation examples). */
  probe: Tensor;
  /**
   * Records kept besides the untrained model's (default 500, TensorBoard's default count of
   * histograms). When one more comes, every other record goes and the recorder records every
   * 2nd epoch from then on (then every 4th …): the records span the whole run, and memory and
   * training checkpoints stay bounded however long it is.
   */
  maxRecords?: number;
}

const RECORDER_OPTIONS = ['probe', 'maxRecords', ...ACTIVATION_STATS_OPTIONS] as const satisfies readonly (keyof LayerStatsRecorderOptions)[];

/**
 * A callback recording per-layer statistics once per epoch: the activations of every layer on a
 * fixed probe batch (mean, std, the share of dead ReLU units, the share of saturated tanh/sigmoid
 * outputs, a fixed-bin histogram) after the epoch, and the gradient norms and update/weight
 * ratios of the epoch's first step. The probe batch is the same every epoch, so the numbers
 * compare across epochs; dead means "0 for every example of the probe batch". Its records go
 * into `fit`'s training checkpoints, so a resumed run's records are the uninterrupted run's.
 *
 * @example
 * const stats = new LayerStatsRecorder({ probe: xVal.slice(0, 512) });
 * await fit(model, { ..., callbacks: [stats] });
 * stats.records.at(-1)?.layers.map((l) => l.deadFraction);
 */
export class LayerStatsRecorder implements Callback {
  /** One record per epoch, and one for the untrained model (epoch -1); past `maxRecords`, one every 2nd, 4th … epoch. */
  readonly records: LayerStatsRecord[] = [];
  /** Records kept besides the untrained model's (see {@link LayerStatsRecorderOptions.maxRecords}). */
  readonly maxRecords: number;
  private readonly probe: Tensor;
  private readonly options: ActivationStatsOptions;
  /** Epochs between records: 1, then doubled each time the records outgrow maxRecords. */
  private every = 1;
  private before: Map<string, Float64Array> | null = null;
  private pending: Pick<LayerStatsRecord, 'gradients' | 'updateRatios'> = { gradients: [], updateRatios: {} };

  constructor(options: LayerStatsRecorderOptions) {
    if (!options || !options.probe || typeof (options.probe as Tensor).shape !== 'object')
      throw new MlpkitError('LayerStatsRecorder', 'probe: expected a Tensor batch of inputs (e.g. 512 validation examples)');
    checkOptions('LayerStatsRecorder', options, RECORDER_OPTIONS);
    const { probe, maxRecords = 500, ...rest } = options;
    this.probe = probe;
    this.maxRecords = new StateReader('LayerStatsRecorder').number('maxRecords', maxRecords, { integer: true, min: 1 });
    this.options = rest;
  }

  onTrainBegin(ctx: TrainContext): void {
    // A resumed run goes on from the records fit loaded into this recorder; a new run starts anew.
    if (ctx.resumed) return;
    this.every = 1;
    replace(this.records, [{ epoch: -1, layers: this.probeStats(ctx), gradients: [], updateRatios: {} }]);
  }

  onEpochBegin(epoch: number, ctx: TrainContext): void {
    if (!this.recordsEpoch(epoch)) return;
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
    if (!this.recordsEpoch(epoch)) return;
    this.records.push({ epoch, layers: this.probeStats(ctx), ...this.pending });
    this.pending = { gradients: [], updateRatios: {} };
    while (this.records.filter((r) => r.epoch >= 0).length > this.maxRecords) {
      this.every *= 2;
      replace(this.records, this.records.filter((r) => r.epoch < 0 || this.recordsEpoch(r.epoch)));
    }
  }

  /** The records and the recording step, for `fit`'s training checkpoints (histogram edges left out: the options give them). */
  stateDict(): CallbackState {
    return { every: this.every, records: saveRecords(this.records) };
  }

  /**
   * Goes on from a {@link LayerStatsRecorder.stateDict}, checked field by field first: each
   * record's layers must be those the probe batch meets in `ctx.model` (it runs through the
   * model once to learn them), its gradients and ratios of the model's parameters.
   */
  loadStateDict(state: CallbackState, ctx: TrainContext): void {
    const read = new StateReader('LayerStatsRecorder.loadStateDict');
    let layers: LayerStats[] | undefined;
    const { every, records } = readLayerStatsState(read, state, {
      layers: () => (layers ??= this.probeStats(ctx)),
      params: new Map(namedParams(ctx).map(([name, p]) => [name, p.shape])),
      maxRecords: this.maxRecords,
    });
    this.every = every;
    replace(this.records, records);
  }

  private recordsEpoch(epoch: number): boolean {
    return (epoch + 1) % this.every === 0;
  }

  private probeStats(ctx: TrainContext): LayerStats[] {
    const stats = activationStats(ctx.model, this.probe, this.options);
    ctx.model.train();
    return stats;
  }
}

/** Puts `items` in `list` in place: `records` stays the array a user may hold. */
function replace<T>(list: T[], items: readonly T[]): void {
  list.length = 0;
  for (const item of items) list.push(item);
}
