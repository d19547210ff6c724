import { MlpkitError, StateReader, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions, type SchedulerStateDict, checkInteger } from './lr-scheduler.js';

/** CosineAnnealingWarmRestarts' options (PyTorch's `CosineAnnealingWarmRestarts`, camelCased). */
export interface CosineAnnealingWarmRestartsOptions extends SchedulerBaseOptions {
  /** Epochs until the first restart (PyTorch's `T_0`). */
  T0: number;
  /** Factor by which each cycle is longer than the previous one (default 1; PyTorch's `T_mult`). */
  TMult?: number;
  /** The lowest learning rate (default 0). */
  etaMin?: number;
}

const COSINE_ANNEALING_WARM_RESTARTS_OPTIONS = [
  ...SCHEDULER_BASE_OPTIONS, 'T0', 'TMult', 'etaMin',
] as const satisfies readonly (keyof CosineAnnealingWarmRestartsOptions)[];

/**
 * SGDR (Loshchilov & Hutter): a half cosine from the base rate to `etaMin` over Tᵢ epochs,
 * then a restart at the base rate with Tᵢ ← Tᵢ·TMult:
 * lr = etaMin + (baseLr − etaMin)·(1 + cos(π·Tcur/Tᵢ))/2.
 * `step(epoch)` also accepts a fractional epoch, to restart within an epoch as PyTorch allows.
 *
 * @example
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { T0: 10, TMult: 2 });
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  /** Length of the first cycle. */
  readonly T0: number;
  /** Growth factor of the cycle length. */
  readonly TMult: number;
  /** The lowest learning rate. */
  readonly etaMin: number;
  /** The length of the current cycle. */
  Ti: number;
  /** Epochs since the last restart. */
  Tcur: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    checkRequiredOptions('CosineAnnealingWarmRestarts', options, COSINE_ANNEALING_WARM_RESTARTS_OPTIONS, 'T0');
    super('CosineAnnealingWarmRestarts', optimizer, options.lastEpoch);
    checkInteger('CosineAnnealingWarmRestarts', 'T0', options.T0, 1);
    checkInteger('CosineAnnealingWarmRestarts', 'TMult', options.TMult ?? 1, 1);
    this.T0 = options.T0;
    this.TMult = options.TMult ?? 1;
    // A negative floor would end each cosine at a negative lr, which no optimizer accepts.
    this.etaMin = new StateReader('CosineAnnealingWarmRestarts').number('etaMin', options.etaMin ?? 0, { min: 0 });
    this.Ti = this.T0;
    this.Tcur = this.lastEpoch;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.Tcur) / this.Ti))) / 2);
  }

  /** Advances one epoch, or jumps to `epoch` (which may be fractional) when given. */
  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      this.Tcur += 1;
      if (this.Tcur >= this.Ti) {
        this.Tcur -= this.Ti;
        this.Ti *= this.TMult;
      }
      this.lastEpoch += 1;
    } else {
      this.jump(epoch);
      this.lastEpoch = Math.floor(epoch);
    }
    this.stepCount += 1;
    this.apply(this.getLr());
  }

  override stepTo(epoch: number): void {
    this.step(epoch);
  }

  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), T_i: this.Ti, T_cur: this.Tcur };
  }

  override prepareLoad(read: StateReader, path: string, state: unknown): () => void {
    const { apply, values } = this.prepareBase(read, path, state, { T_i: 'Ti', T_cur: 'Tcur' });
    const Ti = read.number(read.at(path, 'T_i'), values.T_i, { above: 0 });
    const Tcur = read.number(read.at(path, 'T_cur'), values.T_cur, { min: 0 });
    return () => {
      apply();
      this.Ti = Ti;
      this.Tcur = Tcur;
    };
  }

  private jump(epoch: number): void {
    if (!(epoch >= 0 && epoch < Infinity)) throw new MlpkitError('CosineAnnealingWarmRestarts', `epoch: expected a finite non-negative number, got ${epoch}`);
    if (epoch < this.T0) {
      this.Ti = this.T0;
      this.Tcur = epoch;
    } else if (this.TMult === 1) {
      this.Tcur = epoch % this.T0;
    } else {
      const n = Math.floor(Math.log((epoch / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
      this.Tcur = epoch - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
      this.Ti = this.T0 * this.TMult ** n;
    }
  }
}
