import type { Tensor } from '@mlpkit/tensor';

/**
 * What training needs from a model: `forward`, its parameters, and train/eval modes. An
 * `@mlpkit/nn` Module fits, and so does any object of this shape.
 */
export interface TrainableModel {
  forward(input: Tensor): Tensor;
  parameters(): Tensor[];
  train(mode?: boolean): unknown;
  eval(): unknown;
  /** Used for snapshots (early stopping, LR range test); optional for models without state dicts. */
  stateDict?(): Record<string, Tensor>;
  loadStateDict?(state: Record<string, Tensor>, options?: { strict?: boolean }): unknown;
  /** Every buffer (running statistics), persistent or not: what survives a step besides the parameters (`reuseMemory`). */
  namedBuffers?(): [string, Tensor][];
}

/** A loss: `(prediction, target) => scalar Tensor`, such as `crossEntropy` or `mseLoss`. */
export type LossFn = (prediction: Tensor, target: Tensor) => Tensor;

/** One parameter group as training sees it: a writable learning rate. */
export interface ParamGroupLike {
  lr: number;
  [key: string]: unknown;
}

/** What training needs from an optimizer (`SGD`, `Adam`, …). */
export interface OptimizerLike {
  step(): unknown;
  /** Clears the gradients: to null, or zeroed in place when `setToNone` is false (see `FitOptions.setToNone`). */
  zeroGrad(setToNone?: boolean): void;
  readonly paramGroups: readonly ParamGroupLike[];
}

/** An LR scheduler stepped once per epoch (PyTorch's usual placement), after the optimizer's steps. */
export interface SchedulerLike {
  step(value?: number): unknown;
}

/** One batch of a loader: features and targets. */
export interface BatchLike {
  x: Tensor;
  y: Tensor;
}

/**
 * A data source: every `for..of` runs one epoch. An `@mlpkit/datasets` DataLoader fits;
 * so does an array of batches. `length` (batches per epoch) makes progress bars exact.
 */
export type LoaderLike = Iterable<BatchLike> & { readonly length?: number };

/**
 * A metric accumulated over batches (`Accuracy` from `@mlpkit/metrics` fits):
 * `update(predictions, targets)` per batch, `compute()` at the end of an epoch.
 */
export interface MetricLike {
  update(predictions: Tensor, targets: Tensor): void;
  compute(): number;
  reset(): void;
}
