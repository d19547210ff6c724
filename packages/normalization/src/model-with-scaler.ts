import { noGrad } from '@mlpkit/autograd';
import { type LoadStateDictOptions, type Module, type SafetensorsMetadata, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import type { Scaler } from './scalers/scaler.js';
import { SCALER_METADATA_KEY, scalerFromMetadata, scalerToMetadata } from './scalers/scaler-metadata.js';

/**
 * One safetensors file holding the model's weights and, in its `__metadata__`, the fitted
 * scaler the model was trained behind, so the two cannot drift apart.
 *
 * @example
 * const bytes = saveWithScaler(model, scaler, { epoch: '10' });
 */
export function saveWithScaler(model: Module, scaler: Scaler, metadata: SafetensorsMetadata = {}): Uint8Array {
  return saveSafetensors(model.stateDict(), scalerToMetadata(scaler, metadata));
}

/**
 * Loads a file written by {@link saveWithScaler} into `model` (in place) and returns its
 * scaler, ready to `transform` raw data exactly as in training. Refuses a file without one,
 * since predicting on unnormalized data silently gives wrong answers.
 */
export function loadWithScaler(model: Module, bytes: Uint8Array, options: LoadStateDictOptions = {}): Scaler {
  const { tensors, metadata } = loadSafetensors(bytes);
  const scaler = scalerFromMetadata(metadata);
  if (!scaler)
    throw new MlpkitError('loadWithScaler', `the file has no "${SCALER_METADATA_KEY}" metadata: it was saved without a scaler (use loadSafetensors + loadStateDict for such files)`);
  model.loadStateDict(tensors, options);
  return scaler;
}

/**
 * Prediction on raw data: applies the training normalization, then the model in eval mode
 * without recording gradients (the model's previous mode is restored afterwards).
 *
 * @example
 * const logits = predictWithScaler(model, scaler, rawPixels);
 */
export function predictWithScaler(model: Module, scaler: Scaler, raw: Tensor): Tensor {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => model.forward(scaler.transform(raw)));
  } finally {
    model.train(wasTraining);
  }
}
