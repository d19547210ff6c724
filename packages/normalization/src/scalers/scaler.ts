import type { Tensor } from '@mlpkit/tensor';

/** The saved form of a scaler: plain JSON, so it can sit in a model file's metadata. */
export interface ScalerJSON {
  /** The class that wrote it, e.g. `"StandardScaler"`. */
  type: string;
  /** Format version of this JSON layout. */
  version: 1;
  /** Constructor options (camelCase, as passed to `new`). */
  config: Record<string, unknown>;
  /** Fitted statistics, or null for a scaler that was never fitted. */
  state: Record<string, unknown> | null;
}

/**
 * What every scaler does, with scikit-learn semantics: learn statistics from training data
 * with `fit`, apply them to any later data with `transform`, and undo them with
 * `inverseTransform`. Fit on the training set only, then reuse the fitted scaler (saved with
 * `toJSON`) for validation, test and prediction data.
 */
export interface Scaler {
  /** The class name, as written to `toJSON().type`. */
  readonly type: string;
  /** Whether `transform` may be called (stateless scalers are always fitted). */
  readonly fitted: boolean;
  /** Learns the statistics from training data (samples along dim 0). Returns `this`. */
  fit(x: Tensor): this;
  /** Applies the fitted statistics. */
  transform(x: Tensor): Tensor;
  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: Tensor): Tensor;
  /** Maps transformed values back to the original scale. */
  inverseTransform(x: Tensor): Tensor;
  /** The configuration and fitted statistics as plain JSON (see `scalerFromJSON`). */
  toJSON(): ScalerJSON;
}
