import { MlpkitError, repeatedJsonKey } from '@mlpkit/tensor';
import type { Scaler } from './scaler.js';
import { scalerFromJSON } from './scaler-from-json.js';

/** The metadata key a model file stores its input scaler under. */
export const SCALER_METADATA_KEY = 'mlpkit.scaler';

/**
 * Adds a fitted scaler to a model file's string metadata (such as safetensors'
 * `__metadata__`), so the normalization used in training is saved next to the weights and
 * prediction on raw data can apply exactly the same one. Returns a new object.
 *
 * @example
 * const metadata = scalerToMetadata(scaler, { format: 'pt' });
 */
export function scalerToMetadata(scaler: Scaler, metadata: Readonly<Record<string, string>> = {}, key = SCALER_METADATA_KEY): Record<string, string> {
  if (!scaler.fitted)
    throw new MlpkitError('scalerToMetadata', `the ${scaler.type} is not fitted: fit it on the training data before saving it with the model`);
  return { ...metadata, [key]: JSON.stringify(scaler.toJSON()) };
}

/**
 * The scaler a model file's metadata carries (see {@link scalerToMetadata}), or null when the
 * file was saved without one.
 */
export function scalerFromMetadata(metadata: Readonly<Record<string, string>> | undefined, key = SCALER_METADATA_KEY): Scaler | null {
  if (!metadata || !Object.hasOwn(metadata, key)) return null;
  const text = metadata[key];
  if (typeof text !== 'string') throw new MlpkitError('scalerFromMetadata', `metadata["${key}"] must be a JSON string, got ${typeof text}`);
  let scaler: Scaler;
  try {
    const json = JSON.parse(text);
    // JSON.parse keeps the last of two equal keys without a word.
    const repeated = repeatedJsonKey(text);
    if (repeated !== null) throw new MlpkitError('scalerFromMetadata', `metadata["${key}"] holds the key ${JSON.stringify(repeated)} twice in one object`);
    scaler = scalerFromJSON(json);
  } catch (error) {
    if (error instanceof MlpkitError) throw error;
    throw new MlpkitError('scalerFromMetadata', `metadata["${key}"] is not valid scaler JSON: ${(error as Error).message}`);
  }
  // scalerToMetadata saves fitted scalers only: an unfitted one here was altered.
  if (!scaler.fitted) throw new MlpkitError('scalerFromMetadata', `metadata["${key}"] holds a ${scaler.type} that was never fitted, so it cannot transform inputs as in training`);
  return scaler;
}
