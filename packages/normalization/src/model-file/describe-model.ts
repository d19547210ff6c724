import { Lambda, type Module, Sequential } from '@mlpkit/nn';
import { MlpkitError } from '@mlpkit/tensor';
import { activationFunctionTypes } from './activation-types.js';
import { ARCHITECTURE_METADATA_KEY, ARCHITECTURE_VERSION, type Architecture, type ModuleSpec } from './architecture.js';
import { moduleTypeOf } from './module-registry.js';

function describeLayer(layer: object, path: string): ModuleSpec {
  if (layer instanceof Sequential && layer.constructor === Sequential)
    return { type: 'Sequential', layers: layer.namedChildren().map(([name, child]) => describeLayer(child, `${path}.${name}`)) };
  if (layer instanceof Lambda && layer.constructor === Lambda) {
    const type = activationFunctionTypes.get(layer.layer);
    if (type) return { type };
    if (typeof layer.layer === 'function')
      throw new MlpkitError('saveModel', `${path} is the function ${layer.label}, which a file cannot hold: use a layer class (such as new LeakyReLU(0.2)) or a registered Module`);
    return describeLayer(layer.layer, path);
  }
  const moduleType = moduleTypeOf(layer);
  if (!moduleType)
    throw new MlpkitError('saveModel', `${path} is a ${layer.constructor?.name ?? typeof layer}, which is not a registered module type: register it once with registerModule(...)`);
  const options = Object.fromEntries(Object.entries(moduleType.config(layer)).filter(([, v]) => v !== undefined));
  return Object.keys(options).length ? { type: moduleType.type, options } : { type: moduleType.type };
}

/**
 * The architecture of `model` as plain JSON: the module tree with each module's constructor
 * options. Refuses a module whose class is not registered, and a plain function that is not
 * one of `@mlpkit/activations`' (its code cannot be saved).
 *
 * @example
 * describeModel(new Sequential(new Linear(4, 2), relu));
 * // { format: 'mlpkit.architecture', version: 1, model: { type: 'Sequential', layers: [...] } }
 */
export function describeModel(model: Module): Architecture {
  return { format: ARCHITECTURE_METADATA_KEY, version: ARCHITECTURE_VERSION, model: describeLayer(model, 'model') };
}
