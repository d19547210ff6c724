import { type Layer, Lambda, Module, Sequential } from '@mlpkit/nn';
import { MlpkitError } from '@mlpkit/tensor';
import type { ModuleSpec } from './architecture.js';
import { moduleTypeNamed } from './module-registry.js';

/** How many values a module built without a known state may still take (see checkFileState). */
interface Budget { left: number }

function create(spec: ModuleSpec, path: string): Layer {
  const moduleType = moduleTypeNamed(spec.type);
  if (!moduleType) throw new MlpkitError('loadModel', `${path}.type: unknown module type "${spec.type}"`);
  try {
    return moduleType.create({ ...spec.options });
  } catch (error) {
    if (error instanceof MlpkitError) throw new MlpkitError('loadModel', `${path}.options: ${error.message}`);
    throw error;
  }
}

// A type that cannot say its state before it exists is counted once built, so that its
// modules together can never hold more values than the file has left for them.
function charge(layer: Layer, spec: ModuleSpec, path: string, budget: Budget): void {
  if (moduleTypeNamed(spec.type)?.state?.({ ...spec.options }) || !(layer instanceof Module)) return;
  const values = Object.values(layer.stateDict()).reduce((sum, t) => sum + t.size, 0);
  if (values > budget.left)
    throw new MlpkitError('loadModel', `the weights do not fit the saved architecture: ${path} (${spec.type}) holds ${values} values, but the file has only ${budget.left} left for it`);
  budget.left -= values;
}

function buildLayer(spec: ModuleSpec, path: string, budget: Budget): Layer {
  if (spec.type === 'Sequential') return new Sequential(...(spec.layers ?? []).map((layer, i) => buildLayer(layer, `${path}.layers[${i}]`, budget)));
  const layer = create(spec, path);
  charge(layer, spec, path, budget);
  return layer;
}

/**
 * A fresh module (initial weights) from a checked architecture; a bare activation comes
 * wrapped as a Module. `values` bounds how many values modules of types without a `state` may
 * hold together (what the file has left once checkFileState took the others').
 */
export function buildModel(spec: ModuleSpec, values: number): Module {
  const layer = buildLayer(spec, 'architecture.model', { left: values });
  return layer instanceof Module ? layer : new Lambda(layer);
}
