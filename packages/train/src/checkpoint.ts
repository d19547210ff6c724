import { MlpkitError, StateReader, type Tensor, checkOptions } from '@mlpkit/tensor';
import type { Callback, CallbackState, TrainContext } from './callback.js';
import type { EpochLogs } from './history.js';
import { Monitor, type MonitorMode } from './monitor.js';

/** What a checkpoint hands to its `save` function. */
export interface CheckpointRecord {
  /** 0-based epoch. */
  epoch: number;
  /** The epoch's logs. */
  logs: EpochLogs;
  /** The model's state dict (shares storage with the model: write or copy it before training goes on). */
  state: Record<string, Tensor>;
  /** String metadata to store beside the weights: epoch, monitored value, any extra given. */
  metadata: Record<string, string>;
}

/** Options of {@link Checkpoint}. */
export interface CheckpointOptions {
  /** Stores one checkpoint; awaited before training continues. */
  save: (record: CheckpointRecord) => void | Promise<void>;
  /** The logged key that decides "best" (default 'valLoss'). */
  monitor?: string;
  /** 'min', 'max' or 'auto' (default). */
  mode?: MonitorMode;
  /** Save only when the monitored value improves (default true); false saves every epoch. */
  saveBestOnly?: boolean;
  /** Extra metadata (e.g. the scaler from `scalerToMetadata`) stored with every checkpoint. */
  metadata?: Readonly<Record<string, string>>;
}

const CHECKPOINT_OPTIONS = ['save', 'monitor', 'mode', 'saveBestOnly', 'metadata'] as const satisfies readonly (keyof CheckpointOptions)[];

function hasNonFinite(state: Record<string, Tensor>): string | null {
  for (const [name, t] of Object.entries(state)) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i] as number)) return name;
  }
  return null;
}

/**
 * Saves the model at the end of epochs, through a `save` function (browser-safe: IndexedDB,
 * a download, memory). `ModelCheckpoint` in `@mlpkit/train/node` plugs in atomic safetensors
 * files. Weights holding NaN or Infinity are never saved, so a diverging run cannot overwrite a
 * good checkpoint. Its best value goes into `fit`'s training checkpoints, so a resumed run
 * saves only what beats the best of the whole run.
 *
 * @example
 * new Checkpoint({ save: ({ state }) => { best = state; }, monitor: 'valAccuracy' });
 */
export class Checkpoint implements Callback {
  readonly saveBestOnly: boolean;
  /** Epochs saved so far, in order. */
  readonly savedEpochs: number[] = [];
  private monitor: Monitor;

  constructor(readonly options: CheckpointOptions) {
    checkOptions('Checkpoint', options, CHECKPOINT_OPTIONS);
    if (!options || typeof options.save !== 'function') throw new MlpkitError('Checkpoint', 'save: expected a function ({ epoch, state, metadata }) => void');
    this.saveBestOnly = options.saveBestOnly ?? true;
    this.monitor = new Monitor(options.monitor ?? 'valLoss', options.mode);
  }

  onTrainBegin(ctx: TrainContext): void {
    if (typeof ctx.model.stateDict !== 'function') throw new MlpkitError('Checkpoint', 'the model has no stateDict()');
    // A resumed run goes on from the state fit loaded into this callback.
    if (!ctx.resumed) this.monitor = new Monitor(this.monitor.key, this.options.mode);
  }

  /** The best monitored value so far and the epochs saved, for `fit`'s training checkpoints. */
  stateDict(): CallbackState {
    return { ...this.monitor.stateDict(), savedEpochs: [...this.savedEpochs] };
  }

  /** Goes on from a {@link Checkpoint.stateDict} (checked field by field first). */
  loadStateDict(state: CallbackState): void {
    const read = new StateReader(`${this.constructor.name}.loadStateDict`);
    read.object('', state, { required: ['monitor', 'mode', 'best', 'bestEpoch', 'savedEpochs'] });
    const applyMonitor = this.monitor.prepareLoad(read, state);
    const saved = Array.from(read.numbers('savedEpochs', state.savedEpochs, { integer: true, min: 0 }));
    // Each epoch end saves at most once, in order.
    const unordered = saved.findIndex((epoch, i) => i > 0 && epoch <= saved[i - 1]);
    if (unordered > 0) read.fail(`savedEpochs[${unordered}]`, `an epoch after ${saved[unordered - 1]} (saved epochs only increase)`, saved[unordered]);
    applyMonitor();
    // Copied one by one: spread as arguments, a long (loaded) list would overflow the call stack.
    this.savedEpochs.length = 0;
    for (const epoch of saved) this.savedEpochs.push(epoch);
  }

  async onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): Promise<void> {
    const value = logs[this.monitor.key];
    if (this.saveBestOnly) {
      const v = this.monitor.read(logs, 'Checkpoint');
      if (!this.monitor.update(v, epoch)) return;
    }
    const state = (ctx.model.stateDict as () => Record<string, Tensor>)();
    const bad = hasNonFinite(state);
    if (bad !== null) {
      ctx.stop('diverged', `Checkpoint: ${bad} holds NaN or Infinity at epoch ${epoch + 1}; not saved, the previous checkpoint is kept`);
      return;
    }
    const metadata: Record<string, string> = { ...this.options.metadata, epoch: String(epoch) };
    if (value !== undefined) metadata[this.monitor.key] = String(value);
    await this.options.save({ epoch, logs, state, metadata });
    this.savedEpochs.push(epoch);
  }
}
