import type { ModuleOptions } from './module-type.js';

/** The metadata key under which a model file keeps its architecture. */
export const ARCHITECTURE_METADATA_KEY = 'mlpkit.architecture';

/** The architecture format version this release writes and reads. */
export const ARCHITECTURE_VERSION = 1;

/** One module of a saved architecture: its type, its constructor options, and for Sequential its layers. */
export interface ModuleSpec {
  type: string;
  options?: ModuleOptions;
  layers?: ModuleSpec[];
}

/** A model's architecture as a model file stores it (JSON in the safetensors `__metadata__`). */
export interface Architecture {
  format: typeof ARCHITECTURE_METADATA_KEY;
  version: typeof ARCHITECTURE_VERSION;
  model: ModuleSpec;
}
