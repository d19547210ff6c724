import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import type { History, StopInfo } from './history.js';

/**
 * Thrown by `fit` when the loss becomes NaN or infinite, or explodes past `factor` × the initial
 * loss (the slides' babysitting rule: "if the cost is ever > 3 × original cost, break out
 * early"). It carries the history up to that point; callbacks' `onTrainEnd` has already run, so
 * checkpoints written before are intact.
 */
export class TrainingDivergedError extends MlpkitError {
  /** The history up to the failing batch, with `stopped` set. */
  readonly history: History;
  /** Where and why. */
  readonly info: StopInfo;

  constructor(info: StopInfo, history: History) {
    super('fit', info.message);
    this.name = 'TrainingDivergedError';
    this.info = info;
    this.history = history;
  }
}

/** How a {@link DivergenceGuard} smooths and what it compares against. */
export interface DivergenceGuardOptions {
  /** Batches whose losses make the initial reference (default 10). */
  warmup?: number;
  /** Weight of the newest batch in the smoothed loss, an exponential moving average (default 0.1). */
  smoothing?: number;
}

/** A single batch this many times past the rule's threshold is an explosion without waiting for the average. */
const SPIKE = 10;

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Where the first NaN or infinity of `t` is, as `example i, feature j`, or null. */
function nonFinite(t: Tensor): string | null {
  const { data } = t;
  const width = t.shape.length > 1 ? data.length / (t.shape[0] || 1) : 1;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v - v !== 0) return `${v} at example ${Math.floor(i / width)}, ${width > 1 ? `feature ${i % width}` : 'its only value'}`;
  }
  return null;
}

/** A {@link DivergenceGuard}'s memory, as a training checkpoint keeps it. */
export interface DivergenceState {
  initialLoss: number | null;
  reference: number | null;
  smoothed: number | null;
  warmupLosses: number[];
}

/**
 * Watches batch losses for NaN/Infinity and explosions: the slides' rule ("if the cost is ever
 * > 3 × original cost, break out early") applied so that batch noise cannot trip it. The
 * "original cost" is a robust reference, the larger of the median and the mean of the first
 * `warmup` batch losses (one lucky or unlucky batch does not set it, and skewed losses near zero
 * in fine-tuning do not shrink it); the cost compared is an exponential moving average of the
 * batch losses, so a single noisy batch moves it by a tenth, while a real explosion (one batch
 * 10 × `factor` times the reference, or enough of them to lift the average) or a NaN still stops
 * training at that batch. During the warm-up a batch 10 × `factor` times the median of the
 * batches before it stops training at once too. A non-positive reference disables the ratio rule.
 */
export class DivergenceGuard {
  /** The first loss seen (reported in the history). */
  initialLoss: number | null = null;
  /** The reference the rule compares against, set after the warm-up batches; null before. */
  reference: number | null = null;
  /** The smoothed (moving-average) loss; null before the first batch. */
  smoothed: number | null = null;
  private readonly warmupLosses: number[] = [];
  private readonly warmup: number;
  private readonly alpha: number;

  /** `factor`: how many times the reference counts as an explosion (default 3); `Infinity` keeps only the NaN check. */
  constructor(readonly factor = 3, options: DivergenceGuardOptions = {}) {
    checkOptions('DivergenceGuard', options, ['warmup', 'smoothing']);
    if (!(factor > 1)) throw new MlpkitError('fit', `divergenceFactor must be > 1 (or Infinity), got ${factor}`);
    this.warmup = options.warmup ?? 10;
    this.alpha = options.smoothing ?? 0.1;
    if (!Number.isInteger(this.warmup) || this.warmup < 1) throw new MlpkitError('fit', `divergence warmup must be an integer >= 1, got ${this.warmup}`);
    if (!(this.alpha > 0 && this.alpha <= 1)) throw new MlpkitError('fit', `divergence smoothing must be in (0, 1], got ${this.alpha}`);
  }

  /** What the guard remembers (its reference and smoothed loss), for a training checkpoint. */
  getState(): DivergenceState {
    return { initialLoss: this.initialLoss, reference: this.reference, smoothed: this.smoothed, warmupLosses: [...this.warmupLosses] };
  }

  /** Restores what {@link getState} saved, so a resumed run judges its losses as the killed one would have. */
  setState(state: DivergenceState): void {
    this.initialLoss = state.initialLoss;
    this.reference = state.reference;
    this.smoothed = state.smoothed;
    // Copied one by one: spread as arguments, a long (loaded) list would overflow the call stack.
    this.warmupLosses.length = 0;
    for (const loss of state.warmupLosses) this.warmupLosses.push(loss);
  }

  /**
   * Returns a stop record when `loss` (at `epoch`, `batch`) means training has gone wrong, else
   * null. Given the batch, a NaN loss is traced to NaN or infinite inputs when they hold any.
   */
  check(loss: number, epoch: number, batch: number, data?: { x: Tensor; y: Tensor }): StopInfo | null {
    const where = `epoch ${epoch + 1}, batch ${batch + 1}`;
    if (!Number.isFinite(loss)) return { reason: 'diverged', epoch, message: nonFiniteMessage(loss, where, data) };
    this.initialLoss ??= loss;
    this.smoothed = this.smoothed === null ? loss : this.smoothed + this.alpha * (loss - this.smoothed);
    if (this.reference === null) {
      // Before the reference is set, a spike against the batches seen so far still stops at once.
      const sofar = this.warmupLosses.length > 0 ? median(this.warmupLosses) : 0;
      if (sofar > 0 && loss > SPIKE * this.factor * sofar) return this.exploded(loss.toPrecision(4), where, sofar, this.warmupLosses.length, epoch);
      this.warmupLosses.push(loss);
      if (this.warmupLosses.length < this.warmup) return null;
      const mean = this.warmupLosses.reduce((a, b) => a + b, 0) / this.warmupLosses.length;
      this.reference = Math.max(median(this.warmupLosses), mean);
      return null;
    }
    const ref = this.reference;
    const spike = loss > SPIKE * this.factor * ref;
    if (ref > 0 && (spike || this.smoothed > this.factor * ref)) {
      const value = spike ? loss.toPrecision(4) : `${this.smoothed.toPrecision(4)} (smoothed; this batch ${loss.toPrecision(4)})`;
      return this.exploded(value, where, ref, this.warmup, epoch);
    }
    return null;
  }

  private exploded(value: string, where: string, ref: number, batches: number, epoch: number): StopInfo {
    return {
      reason: 'diverged', epoch,
      message: `loss ${value} at ${where} is more than ${this.factor}× the initial loss ${ref.toPrecision(4)} (of the first ${batches} batches); ` +
        `training stopped because the loss is exploding (the slides' rule: if the cost is ever > ${this.factor} × original cost, break out early). Lower the learning rate.`,
    };
  }
}

function nonFiniteMessage(loss: number, where: string, data: { x: Tensor; y: Tensor } | undefined): string {
  const inX = data && nonFinite(data.x);
  const inY = !inX && data ? nonFinite(data.y) : null;
  if (inX || inY)
    return `loss became ${loss} at ${where} because the batch's ${inX ? 'inputs' : 'targets'} hold ${inX ?? inY}; training stopped. ` +
      'The data is at fault, not the learning rate: clean it (TensorDataset and DataLoader refuse such data when made).';
  return `loss became ${loss} at ${where}; training stopped. NaN almost always means the learning rate is too high: lower it (e.g. by 10×).`;
}
