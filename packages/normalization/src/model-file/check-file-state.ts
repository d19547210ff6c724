import type { StateDict } from '@mlpkit/nn';
import { MlpkitError, type Tensor, formatShape, shapesEqual, sizeOf } from '@mlpkit/tensor';
import type { ModuleSpec } from './architecture.js';
import { moduleTypeNamed } from './module-registry.js';
import type { StateEntry } from './module-type.js';

// As loadStateDict copies: the same dtype, or float32 into float64 (the one exact widening).
const loads = (from: string, into: string) => from === into || (from === 'float32' && into === 'float64');

function refusal(key: string, given: Tensor | undefined, entry: StateEntry): string | null {
  if (!given) return `the file has no tensor "${key}"`;
  if (!shapesEqual(given.shape, entry.shape)) return `the module needs "${key}" of shape ${formatShape(entry.shape)}, the file has ${formatShape(given.shape)}`;
  if (!loads(given.dtype, entry.dtype)) return `the module needs "${key}" as ${entry.dtype}, the file has ${given.dtype}`;
  return null;
}

// A dim the constructor will refuse anyway: leave the module to create(), which says why.
const buildable = (entries: StateEntry[]) => entries.every((e) => e.shape.every((d) => Number.isSafeInteger(d) && d >= 0));

/** Checks one spec's state (and its layers'); returns how many values of the file the checked modules take. */
function checkSpec(spec: ModuleSpec, tensors: StateDict, prefix: string, path: string): number {
  if (spec.type === 'Sequential')
    return (spec.layers ?? []).reduce((sum, layer, i) => sum + checkSpec(layer, tensors, `${prefix}${i}.`, `${path}.layers[${i}]`), 0);
  const state = moduleTypeNamed(spec.type)?.state?.({ ...spec.options });
  if (!state || !buildable(Object.values(state))) return 0;
  let values = 0;
  for (const [key, entry] of Object.entries(state)) {
    const name = prefix + key;
    const given = Object.hasOwn(tensors, name) || entry.legacyKey === undefined ? tensors[name] : tensors[prefix + entry.legacyKey];
    const problem = refusal(name, given, entry);
    if (problem) throw new MlpkitError('loadModel', `the weights do not fit the saved architecture: ${path} (${spec.type}): ${problem}; nothing was built`);
    values += sizeOf(entry.shape);
  }
  return values;
}

/**
 * Checks a file's tensors against the state every module of `spec` will have (name, shape,
 * dtype), before anything is built: a header of a few bytes cannot make `loadModel` allocate
 * and initialise layers the file holds no weights for. Returns how many of the file's values
 * are left for modules whose type cannot say its state up front (counted as they are built).
 */
export function checkFileState(spec: ModuleSpec, tensors: StateDict): number {
  const held = Object.values(tensors).reduce((sum, t) => sum + t.size, 0);
  return held - checkSpec(spec, tensors, '', 'architecture.model');
}
