import { noGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, checkOptions, checkTensor, concat, slice } from '@mlpkit/tensor';
import type { Module } from './module.js';

/** Options of {@link predict}. */
export interface PredictOptions {
  /** Rows per forward pass (default 256): bounds the memory a large input needs. */
  batchSize?: number;
  /** The fitted input scaler the model was trained behind, applied to each batch first (for example from `loadModel`). */
  scaler?: { transform(x: Tensor): Tensor } | null;
}

const PREDICT_OPTIONS = ['batchSize', 'scaler'] as const satisfies readonly (keyof PredictOptions)[];

/**
 * The model's outputs for every row of `x` (samples along dim 0), as inference should run:
 * in eval mode (Dropout off, BatchNorm on its running statistics), without recording
 * gradients, `batchSize` rows at a time; the outputs are joined in order and the model's
 * previous mode is restored. With `scaler`, `x` is raw data, normalized as in training.
 *
 * @example
 * const logits = predict(model, testImages, { batchSize: 512 });
 */
export function predict(model: Module, x: Tensor, options: PredictOptions = {}): Tensor {
  checkOptions('predict', options, PREDICT_OPTIONS);
  checkTensor('predict', x);
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new MlpkitError('predict', `batchSize must be a positive integer, got ${batchSize}`);
  if (x.ndim < 1 || x.shape[0] < 1) throw new MlpkitError('predict', `expected at least one sample along dim 0, got input shape [${x.shape.join(', ')}]`);
  const { scaler } = options;
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      const outputs: Tensor[] = [];
      for (let start = 0; start < x.shape[0]; start += batchSize) {
        const batch = x.shape[0] <= batchSize ? x : slice(x, [[start, start + batchSize]]);
        outputs.push(model.forward(scaler ? scaler.transform(batch) : batch));
      }
      return concat(outputs, 0);
    });
  } finally {
    model.train(wasTraining);
  }
}
