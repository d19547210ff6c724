import type { Matrix } from './inputs.js';
import { checkNonEmpty } from './inputs.js';
import type { StreamingMetric } from './metric.js';
import { type Multioutput, type PerOutput, type RegressionBatch, checkMultioutput, combineOutputs, readRegressionBatch } from './regression-inputs.js';

/**
 * Base of the streaming mean-error metrics: per-output running sums of a pointwise error,
 * added sample by sample in order, so streaming over batches gives exactly the one-shot sum.
 */
export abstract class ErrorSums<O extends { multioutput?: Multioutput }> implements StreamingMetric<PerOutput<O>, Matrix, Matrix> {
  private sums: Float64Array | null = null;
  private count = 0;

  /** `metricName` names the metric in error messages, e.g. `"MeanSquaredError"`. */
  constructor(protected readonly metricName: string, protected readonly multioutput?: Multioutput) {
    checkMultioutput(metricName, multioutput);
  }

  /** The error of one prediction, e.g. its squared difference. */
  protected abstract pointError(yTrue: number, yPred: number): number;

  /** The score of one output from its mean error. */
  protected finish(meanError: number): number {
    return meanError;
  }

  /** Adds a batch of predictions and targets, [N] or [N, D]. */
  update(preds: Matrix, targets: Matrix): void {
    this.add(readRegressionBatch(`${this.metricName}.update`, targets, preds, ['targets', 'preds'], this.sums?.length));
  }

  /** @internal Adds a checked batch. */
  add(batch: RegressionBatch): void {
    const d = batch.outputs;
    this.sums ??= new Float64Array(d);
    for (let i = 0; i < batch.yTrue.rows; i++)
      for (let j = 0; j < d; j++) this.sums[j] += this.pointError(batch.yTrue.data[i * d + j], batch.yPred.data[i * d + j]);
    this.count += batch.yTrue.rows;
  }

  /** The metric over every sample since the last reset. */
  compute(): PerOutput<O> {
    const op = `${this.metricName}.compute`;
    checkNonEmpty(op, 'targets', this.count);
    const perOutput = Array.from(this.sums as Float64Array, (s) => this.finish(s / this.count));
    return combineOutputs(op, perOutput, this.multioutput) as PerOutput<O>;
  }

  /** Forgets every batch. */
  reset(): void {
    this.sums = null;
    this.count = 0;
  }
}
