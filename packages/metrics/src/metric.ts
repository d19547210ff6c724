/**
 * A metric accumulated over batches: `update` once per batch, `compute` for the result over
 * everything seen since the last `reset`. The streamed result equals the one-shot function
 * applied to the concatenated batches.
 *
 * Argument order follows PyTorch losses and torchmetrics, `update(preds, targets)`, while the
 * one-shot functions follow scikit-learn, `fn(yTrue, yPred)`.
 */
export interface StreamingMetric<Result, Preds = unknown, Targets = unknown> {
  /** Adds one batch. An empty batch is allowed and changes nothing. */
  update(preds: Preds, targets: Targets): void;
  /** The metric over every batch since construction or the last `reset`. */
  compute(): Result;
  /** Forgets every batch. */
  reset(): void;
}
