import { StateReader, Tensor } from '@mlpkit/tensor';
import type { CallbackState } from './callback.js';

// Callbacks' tensors sit beside the model's in the checkpoint file, as `callbacks.0`, `callbacks.1`, …
const PREFIX = 'callbacks.';
const KEY = /^[A-Za-z_$][\w$]*#\d+$/;

/**
 * Callbacks' states for the JSON part of a training checkpoint: each Tensor in them moves to
 * `tensors` (bit for bit, with its dtype and shape) and leaves `{ $tensor: n }` in its place.
 */
export function packCallbackStates(states: Record<string, CallbackState>, tensors: Record<string, Tensor>): unknown {
  let n = 0;
  const pack = (value: unknown): unknown => {
    if (value instanceof Tensor) {
      tensors[`${PREFIX}${n}`] = value;
      return { $tensor: n++ };
    }
    if (Array.isArray(value)) return value.map(pack);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
    return value;
  };
  return pack(states);
}

/**
 * Reverses {@link packCallbackStates} on a loaded (untrusted) checkpoint: keys as `fit` makes
 * them (`EarlyStopping#0`), each state an object, each placeholder naming a stored tensor not
 * used before, and no stored tensor left over. What each state holds is the callback's to check.
 */
export function unpackCallbackStates(value: unknown, tensors: Readonly<Record<string, Tensor>>): Record<string, CallbackState> {
  const read = new StateReader('fit');
  const used = new Set<string>();
  const unpack = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => unpack(item, read.at(path, i)));
    if (v === null || typeof v !== 'object') return v;
    const o = read.object(path, v);
    if (!Object.hasOwn(o, '$tensor')) return Object.fromEntries(Object.entries(o).map(([k, item]) => [k, unpack(item, read.at(path, k))]));
    const name = `${PREFIX}${String(o.$tensor)}`;
    if (Object.keys(o).length !== 1 || !Number.isSafeInteger(o.$tensor) || !Object.hasOwn(tensors, name) || used.has(name))
      read.fail(read.at(path, '$tensor'), 'the number of a tensor stored in the file, each used once', o.$tensor);
    used.add(name);
    return tensors[name];
  };
  const root = 'resumeFrom: callbacks';
  const states = read.object(root, value);
  const out: Record<string, CallbackState> = {};
  for (const [key, state] of Object.entries(states)) {
    if (!KEY.test(key)) read.fail(root, 'keys such as "EarlyStopping#0"', key);
    out[key] = read.object(read.at(root, key), unpack(state, read.at(root, key)));
  }
  for (const name of Object.keys(tensors)) if (!used.has(name)) read.fail(`resumeFrom: tensors.${name}`, 'a tensor some callback state names', 'one no state names');
  return out;
}
