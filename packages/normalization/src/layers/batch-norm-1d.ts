import { Module, Parameter, declareKeepsNoReference } from '@mlpkit/nn';
import { MlpkitError, type Tensor, checkOptions, checkTensor, formatShape, full, ones, zeros } from '@mlpkit/tensor';
import { batchNorm } from './batch-norm-function.js';
import { checkEps, checkFlags, checkMomentum } from './check-layer-options.js';

/** Options of {@link BatchNorm1d}, as `torch.nn.BatchNorm1d` names them. */
export interface BatchNorm1dOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of each new batch in the running averages (default 0.1); null for a cumulative average. */
  momentum?: number | null;
  /** Learn a per-channel scale γ (init 1) and shift β (init 0) (default true). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default true); without them eval uses batch statistics. */
  trackRunningStats?: boolean;
  /** Parameter and buffer dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

const loadedRules: [key: string, expected: string, ok: (v: number) => boolean][] = [
  ['running_mean', 'finite values', Number.isFinite],
  ['running_var', 'finite values ≥ 0', (v) => Number.isFinite(v) && v >= 0],
  ['num_batches_tracked', 'a count ≥ 0', (v) => v >= 0],
];

const BATCH_NORM_1D_OPTIONS = ['eps', 'momentum', 'affine', 'trackRunningStats', 'dtype'] as const satisfies readonly (keyof BatchNorm1dOptions)[];

/**
 * Batch normalization over (N, C) or (N, C, L) input (`torch.nn.BatchNorm1d`). In training
 * mode each channel is normalized with the batch's mean and biased variance and the running
 * mean / unbiased variance are updated; in eval mode the running statistics are used, so a
 * single sample gives a deterministic answer. The backward is one fused op (see `batchNorm`).
 *
 * @example
 * const bn = new BatchNorm1d(64);
 * bn.forward(h);      // training: batch statistics
 * bn.eval().forward(h); // eval: running statistics
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  /** How many training batches updated the running statistics (int32 scalar). */
  declare numBatchesTracked: Tensor | null;

  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    super();
    checkOptions('BatchNorm1d', options, BATCH_NORM_1D_OPTIONS);
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new MlpkitError('BatchNorm1d', `numFeatures must be a positive integer, got ${numFeatures}`);
    checkEps('BatchNorm1d', options.eps);
    checkMomentum('BatchNorm1d', options.momentum, true);
    checkFlags('BatchNorm1d', options, ['affine', 'trackRunningStats']);
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    const dtype = options.dtype ?? 'float32';
    this.weight = this.affine ? new Parameter(ones([numFeatures], { dtype })) : null;
    this.bias = this.affine ? new Parameter(zeros([numFeatures], { dtype })) : null;
    const track = this.trackRunningStats;
    // Saved under PyTorch's names, so state dicts and safetensors files move both ways.
    this.registerBuffer('runningMean', track ? zeros([numFeatures], { dtype }) : null, { stateKey: 'running_mean' });
    this.registerBuffer('runningVar', track ? ones([numFeatures], { dtype }) : null, { stateKey: 'running_var' });
    this.registerBuffer('numBatchesTracked', track ? full([], 0, { dtype: 'int32' }) : null, { stateKey: 'num_batches_tracked' });
  }

  /** Files mlpkit wrote before it used PyTorch's buffer names still load. */
  protected override legacyStateKeys(): Readonly<Record<string, string>> {
    return { runningMean: 'running_mean', runningVar: 'running_var', numBatchesTracked: 'num_batches_tracked' };
  }

  // A negative or non-finite variance (or a NaN mean) makes every eval output NaN; a negative count is no count.
  protected override refusedValues(given: (key: string) => Tensor | undefined): [string, string][] {
    const refused: [string, string][] = [];
    for (const [key, expected, ok] of loadedRules) {
      const data = given(key)?.data;
      const at = data ? data.findIndex((v) => !ok(v)) : -1;
      if (at >= 0) refused.push([key, `expected ${expected}, got ${data![at]} at [${at}]`]);
    }
    return refused;
  }

  /** Running mean 0, running variance 1, no batches tracked. */
  resetRunningStats(): void {
    this.runningMean?.data.fill(0);
    this.runningVar?.data.fill(1);
    this.numBatchesTracked?.data.fill(0);
  }

  forward(input: Tensor): Tensor {
    checkTensor('BatchNorm1d', input);
    if ((input.ndim !== 2 && input.ndim !== 3) || input.shape[1] !== this.numFeatures)
      throw new MlpkitError('BatchNorm1d', `expected (N, ${this.numFeatures}) or (N, ${this.numFeatures}, L) input, got shape ${formatShape(input.shape)}`);
    const updating = this.training && this.trackRunningStats;
    // Checked here, before counting the batch, so a refused batch leaves the statistics untouched.
    if (this.training && input.shape[0] * (input.shape[2] ?? 1) <= 1)
      throw new MlpkitError('BatchNorm1d', `expected more than 1 value per channel when training, got input size ${formatShape(input.shape)}`);
    let momentum = this.momentum ?? 0;
    if (updating && this.numBatchesTracked) {
      this.numBatchesTracked.data[0] += 1;
      if (this.momentum === null) momentum = 1 / this.numBatchesTracked.data[0];
    }
    return batchNorm(input, {
      runningMean: this.runningMean, runningVar: this.runningVar, weight: this.weight, bias: this.bias,
      training: this.training || !this.trackRunningStats, momentum, eps: this.eps,
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}

// Its forward returns a new array and keeps what it saw only through its one graph node, so a
// Sequential reuses the memory of the outputs around it (nn's intermediate-reuse.ts).
declareKeepsNoReference(BatchNorm1d.prototype.forward);
