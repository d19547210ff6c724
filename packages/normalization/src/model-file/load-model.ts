import { type Module, loadSafetensors } from '@mlpkit/nn';
import { MlpkitError } from '@mlpkit/tensor';
import type { Scaler } from '../scalers/scaler.js';
import { scalerFromMetadata } from '../scalers/scaler-metadata.js';
import { ARCHITECTURE_METADATA_KEY } from './architecture.js';
import { buildModel } from './build-model.js';
import { checkArchitecture } from './check-architecture.js';
import { checkFileState } from './check-file-state.js';

/** What {@link loadModel} gives back. */
export interface LoadedModel {
  /** The rebuilt model with the saved weights, in eval mode. */
  model: Module;
  /** The input scaler saved with it, or null. */
  scaler: Scaler | null;
  /** The file's own metadata (without the format's `mlpkit.` keys). */
  metadata: Record<string, string>;
}

/**
 * Rebuilds a model saved by `saveModel` with no code: checks the architecture field by field,
 * checks that the file holds every weight the modules will have (name, shape, dtype) before
 * building any, builds each module from its options, loads the weights strictly (every key, every shape),
 * and returns it in eval mode with its scaler. A file without an architecture (weights only)
 * or naming an unregistered type is refused with the reason.
 *
 * @example
 * const { model, scaler } = loadModel(bytes);
 * const logits = predict(model, x, { scaler });
 */
export function loadModel(bytes: Uint8Array): LoadedModel {
  const { tensors, metadata = {} } = loadSafetensors(bytes);
  const text = metadata[ARCHITECTURE_METADATA_KEY];
  if (text === undefined)
    throw new MlpkitError('loadModel', `the file has no "${ARCHITECTURE_METADATA_KEY}" metadata: it holds weights only (not written by saveModel); build the model in code and use loadSafetensors + loadStateDict`);
  const spec = checkArchitecture(text).model;
  // Before anything is allocated: a short header must not build layers the file has no weights for.
  const model = buildModel(spec, checkFileState(spec, tensors));
  const scaler = scalerFromMetadata(metadata);
  try {
    model.loadStateDict(tensors);
  } catch (error) {
    if (error instanceof MlpkitError) throw new MlpkitError('loadModel', `the weights do not fit the saved architecture: ${error.message}`);
    throw error;
  }
  const own = Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith('mlpkit.')));
  return { model: model.eval(), scaler, metadata: own };
}
