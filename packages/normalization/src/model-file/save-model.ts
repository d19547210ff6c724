import { type Module, type SafetensorsMetadata, saveSafetensors } from '@mlpkit/nn';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { Scaler } from '../scalers/scaler.js';
import { scalerToMetadata } from '../scalers/scaler-metadata.js';
import { ARCHITECTURE_METADATA_KEY } from './architecture.js';
import { describeModel } from './describe-model.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** The fitted input scaler the model was trained behind; `loadModel` gives it back. */
  scaler?: Scaler;
  /** Your own string metadata (keys starting with `mlpkit.` are the format's). */
  metadata?: SafetensorsMetadata;
}

const SAVE_MODEL_OPTIONS = ['scaler', 'metadata'] as const satisfies readonly (keyof SaveModelOptions)[];

/**
 * The whole model as safetensors bytes: the weights and buffers (its `stateDict()`), and in
 * the `__metadata__` its architecture (see `describeModel`), its input scaler and your
 * metadata, so `loadModel` rebuilds it with no code. Write the bytes with `saveModelFile`
 * from `@mlpkit/normalization/node`, or anywhere bytes go.
 *
 * @example
 * const bytes = saveModel(model, { scaler, metadata: { epochs: '10' } });
 * const { model: again } = loadModel(bytes);
 */
export function saveModel(model: Module, options: SaveModelOptions = {}): Uint8Array {
  checkOptions('saveModel', options, SAVE_MODEL_OPTIONS);
  const metadata = options.metadata ?? {};
  for (const key of Object.keys(metadata))
    if (key.startsWith('mlpkit.')) throw new MlpkitError('saveModel', `metadata key "${key}" is reserved: keys starting with "mlpkit." belong to the model file format`);
  const withScaler = options.scaler ? scalerToMetadata(options.scaler, metadata) : { ...metadata };
  return saveSafetensors(model.stateDict(), { ...withScaler, [ARCHITECTURE_METADATA_KEY]: JSON.stringify(describeModel(model)) });
}
