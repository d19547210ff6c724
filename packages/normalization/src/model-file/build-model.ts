import { type Layer, Lambda, Module, Sequential } from '@mlpkit/nn';
import { MlpkitError } from '@mlpkit/tensor';
import type { ModuleSpec } from './architecture.js';
import { moduleTypeNamed } from './module-registry.js';

function buildLayer(spec: ModuleSpec, path: string): Layer {
  if (spec.type === 'Sequential') return new Sequential(...(spec.layers ?? []).map((layer, i) => buildLayer(layer, `${path}.layers[${i}]`)));
  const moduleType = moduleTypeNamed(spec.type);
  if (!moduleType) throw new MlpkitError('loadModel', `${path}.type: unknown module type "${spec.type}"`);
  try {
    return moduleType.create({ ...spec.options });
  } catch (error) {
    if (error instanceof MlpkitError) throw new MlpkitError('loadModel', `${path}.options: ${error.message}`);
    throw error;
  }
}

/** A fresh module (initial weights) from a checked architecture; a bare activation comes wrapped as a Module. */
export function buildModel(spec: ModuleSpec): Module {
  const layer = buildLayer(spec, 'architecture.model');
  return layer instanceof Module ? layer : new Lambda(layer);
}
