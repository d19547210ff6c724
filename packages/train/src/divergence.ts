import { MlpkitError } from '@mlpkit/tensor';
import type { History, StopInfo } from './history.js';

/**
 * Thrown by `fit` when the loss becomes NaN or infinite, or exceeds `factor` × the initial
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

/**
 * Watches batch losses for NaN/Infinity and explosions relative to the first batch's loss.
 * A non-positive initial loss disables the ratio rule (nothing sensible to compare against).
 */
export class DivergenceGuard {
  /** The first loss seen, the rule's reference. */
  initialLoss: number | null = null;

  /** `factor`: how many times the initial loss counts as an explosion (default 3); `Infinity` keeps only the NaN check. */
  constructor(readonly factor = 3) {
    if (!(factor > 1)) throw new MlpkitError('fit', `divergenceFactor must be > 1 (or Infinity), got ${factor}`);
  }

  /** Returns a stop record when `loss` (at `epoch`, `batch`) means training has gone wrong, else null. */
  check(loss: number, epoch: number, batch: number): StopInfo | null {
    const where = `epoch ${epoch + 1}, batch ${batch + 1}`;
    if (!Number.isFinite(loss)) {
      return {
        reason: 'diverged', epoch,
        message: `loss became ${loss} at ${where}; training stopped. NaN almost always means the learning rate is too high: lower it (e.g. by 10×).`,
      };
    }
    if (this.initialLoss === null) {
      this.initialLoss = loss;
      return null;
    }
    if (this.initialLoss > 0 && loss > this.factor * this.initialLoss) {
      return {
        reason: 'diverged', epoch,
        message: `loss ${loss.toPrecision(4)} at ${where} is more than ${this.factor}× the initial loss ${this.initialLoss.toPrecision(4)}; ` +
          'training stopped because the loss is exploding. Lower the learning rate.',
      };
    }
    return null;
  }
}
