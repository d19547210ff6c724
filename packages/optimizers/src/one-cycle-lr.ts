import { MlpkitError, type NumberRule, StateReader, checkBoolean, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableGroup, type SchedulableOptimizer, type SchedulerBaseOptions, checkInteger } from './lr-scheduler.js';

/** OneCycleLR's options (PyTorch's `OneCycleLR`, camelCased). */
export interface OneCycleLROptions extends SchedulerBaseOptions {
  /** The peak learning rate, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Total number of steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the rate (default 0.3). */
  pctStart?: number;
  /** `'cos'` (default) or `'linear'` annealing between phase ends. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's β₁) inversely to the rate (default true). */
  cycleMomentum?: boolean;
  /** Lowest momentum, reached at the peak rate (default 0.85). */
  baseMomentum?: number | readonly number[];
  /** Highest momentum, at the start and end (default 0.95). */
  maxMomentum?: number | readonly number[];
  /** The initial rate is maxLr / divFactor (default 25). */
  divFactor?: number;
  /** The final rate is the initial rate / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Use three phases (up, down to the initial rate, then annihilate), as fast.ai does (default false). */
  threePhase?: boolean;
}

const ONE_CYCLE_LR_OPTIONS = [
  ...SCHEDULER_BASE_OPTIONS, 'maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy',
  'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase',
] as const satisfies readonly (keyof OneCycleLROptions)[];

type Key = 'initialLr' | 'maxLr' | 'minLr' | 'maxMomentum' | 'baseMomentum';
interface Phase { endStep: number; startLr: Key; endLr: Key; startMomentum: Key; endMomentum: Key }

const annealCos = (start: number, end: number, pct: number): number => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
const annealLinear = (start: number, end: number, pct: number): number => (end - start) * pct + start;

/**
 * The 1cycle policy (Smith & Topin), stepped once per batch: the rate rises from
 * maxLr/divFactor to maxLr over the first `pctStart` of the steps, then falls to
 * initialLr/finalDivFactor, while momentum moves the opposite way. As in PyTorch 1.13, one
 * step beyond `totalSteps` still extrapolates the last phase; the next one throws.
 *
 * @example
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.1, epochs: 10, stepsPerEpoch: loader.length });
 * // after every optimizer.step(): scheduler.step();
 */
export class OneCycleLR extends LRScheduler {
  /** Steps in the cycle; stepping more than one past it throws. */
  readonly totalSteps: number;
  /** Whether momentum (or β₁) cycles inversely to the rate. */
  readonly cycleMomentum: boolean;
  private readonly phases: Phase[];
  private readonly anneal: (start: number, end: number, pct: number) => number;
  private readonly useBeta1: boolean;

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    checkRequiredOptions('OneCycleLR', options, ONE_CYCLE_LR_OPTIONS, 'maxLr');
    super('OneCycleLR', optimizer, options.lastEpoch);
    const { pctStart = 0.3, annealStrategy = 'cos', cycleMomentum = true, divFactor = 25, finalDivFactor = 1e4, threePhase = false } = options;
    this.totalSteps = totalStepsOf(options);
    if (!(typeof pctStart === 'number' && pctStart >= 0 && pctStart <= 1))
      throw new MlpkitError('OneCycleLR', `pctStart: expected a number between 0 and 1, got ${String(pctStart)}`);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear')
      throw new MlpkitError('OneCycleLR', `annealStrategy must be one of 'cos' or 'linear', got ${String(annealStrategy)}`);
    // PyTorch checks none of these; a zero divisor or a negative peak would set NaN or negative rates.
    const read = new StateReader('OneCycleLR');
    read.number('divFactor', divFactor, { above: 0 });
    read.number('finalDivFactor', finalDivFactor, { above: 0 });
    checkBoolean('OneCycleLR', 'cycleMomentum', cycleMomentum);
    checkBoolean('OneCycleLR', 'threePhase', threePhase);
    this.anneal = annealStrategy === 'cos' ? annealCos : annealLinear;
    this.phases = phasesOf(this.totalSteps, pctStart, threePhase);
    const groups = optimizer.paramGroups;
    const fresh = (options.lastEpoch ?? -1) === -1;
    const maxLrs = perGroup('maxLr', groups, options.maxLr, { min: 0 });
    if (fresh)
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = maxLrs[i] / divFactor / finalDivFactor;
      });
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = 'betas' in optimizer.defaults;
    if (cycleMomentum) this.initMomentum(groups, options, fresh);
    this.initialStep();
  }

  protected getLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps)
      throw new MlpkitError('OneCycleLR', `Tried to step ${stepNum + 1} times. The specified number of total steps (totalSteps) is ${this.totalSteps}`);
    return this.optimizer.paramGroups.map((group) => {
      let start = 0;
      for (let i = 0; i < this.phases.length; i++) {
        const phase = this.phases[i];
        if (stepNum <= phase.endStep || i === this.phases.length - 1) {
          const pct = (stepNum - start) / (phase.endStep - start);
          if (this.cycleMomentum) this.setMomentum(group, this.anneal(group[phase.startMomentum] as number, group[phase.endMomentum] as number, pct));
          return this.anneal(group[phase.startLr] as number, group[phase.endLr] as number, pct);
        }
        start = phase.endStep;
      }
      return group.lr;
    });
  }

  private initMomentum(groups: SchedulableGroup[], options: OneCycleLROptions, fresh: boolean): void {
    if (!('momentum' in this.optimizer.defaults) && !this.useBeta1)
      throw new MlpkitError('OneCycleLR', 'cycleMomentum: the optimizer must support momentum (a momentum or betas hyperparameter) when cycleMomentum is true');
    const maxMomentums = perGroup('maxMomentum', groups, options.maxMomentum ?? 0.95, { min: 0 });
    const baseMomentums = perGroup('baseMomentum', groups, options.baseMomentum ?? 0.85, { min: 0 });
    // Adam's β₁ must stay below 1: at 1 its bias correction divides by zero.
    if (this.useBeta1 && [...maxMomentums, ...baseMomentums].some((m) => m >= 1))
      throw new MlpkitError('OneCycleLR', `maxMomentum, baseMomentum: expected values < 1 when cycling betas[0], got ${JSON.stringify([maxMomentums, baseMomentums])}`);
    if (!fresh) return;
    groups.forEach((g, i) => {
      this.setMomentum(g, maxMomentums[i]);
      g.maxMomentum = maxMomentums[i];
      g.baseMomentum = baseMomentums[i];
    });
  }

  private setMomentum(group: SchedulableGroup, momentum: number): void {
    if (this.useBeta1) group.betas = [momentum, ...(group.betas as number[]).slice(1)];
    else group.momentum = momentum;
  }
}

function totalStepsOf(o: OneCycleLROptions): number {
  if (o.totalSteps !== undefined) {
    checkInteger('OneCycleLR', 'totalSteps', o.totalSteps, 1);
    return o.totalSteps;
  }
  if (o.epochs === undefined || o.stepsPerEpoch === undefined)
    throw new MlpkitError('OneCycleLR', 'You must define either totalSteps OR (epochs AND stepsPerEpoch)');
  checkInteger('OneCycleLR', 'epochs', o.epochs, 1);
  checkInteger('OneCycleLR', 'stepsPerEpoch', o.stepsPerEpoch, 1);
  return o.epochs * o.stepsPerEpoch;
}

function phasesOf(total: number, pct: number, threePhase: boolean): Phase[] {
  if (!threePhase)
    return [
      { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
      { endStep: total - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
    ];
  return [
    { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
    { endStep: 2 * pct * total - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
    { endStep: total - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
  ];
}

function perGroup(name: string, groups: readonly unknown[], value: number | readonly number[], rule: NumberRule): number[] {
  const read = new StateReader('OneCycleLR');
  if (typeof value === 'number') return groups.map(() => read.number(name, value, rule));
  if (!Array.isArray(value) || value.length !== groups.length)
    throw new MlpkitError('OneCycleLR', `${name}: expected a number or ${groups.length} values (one per group), got ${JSON.stringify(value)}`);
  return Array.from(read.numbers(name, value, rule));
}
