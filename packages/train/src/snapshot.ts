import { MlpkitError, type StateReader, Tensor, formatShape } from '@mlpkit/tensor';
import type { TrainableModel } from './types.js';

/**
 * A deep copy of the model's state dict (stateDict shares storage with the model, so a
 * snapshot must clone to survive further training).
 */
export function snapshotState(model: TrainableModel): Record<string, Tensor> {
  if (typeof model.stateDict !== 'function') throw new MlpkitError('snapshotState', 'the model has no stateDict()');
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(model.stateDict())) out[name] = t.clone();
  return out;
}

/** Copies a snapshot back into the model in place (optimizers keep their references). */
export function restoreState(model: TrainableModel, state: Record<string, Tensor>): void {
  if (typeof model.loadStateDict !== 'function') throw new MlpkitError('restoreState', 'the model has no loadStateDict()');
  model.loadStateDict(state);
}

/**
 * A loaded snapshot (from a checkpoint, so untrusted), checked against `model`: the same keys,
 * each a tensor of the same shape and dtype, so restoring it later cannot fail half-way.
 */
export function readSnapshot(read: StateReader, path: string, value: unknown, model: TrainableModel): Record<string, Tensor> {
  const snapshot = read.object(path, value);
  const live = snapshotKeys(model);
  for (const key of Object.keys(snapshot)) if (!live.has(key)) read.fail(read.at(path, key), `one of the model's keys (${[...live.keys()].join(', ')})`, key);
  for (const [key, t] of live) {
    const saved = snapshot[key];
    if (!(saved instanceof Tensor)) read.fail(read.at(path, key), 'a tensor', saved);
    if (saved.dtype !== t.dtype || formatShape(saved.shape) !== formatShape(t.shape))
      read.fail(read.at(path, key), `a ${t.dtype} tensor of shape ${formatShape(t.shape)}`, `${saved.dtype} ${formatShape(saved.shape)}`);
  }
  return snapshot as Record<string, Tensor>;
}

function snapshotKeys(model: TrainableModel): Map<string, Tensor> {
  if (typeof model.stateDict !== 'function') throw new MlpkitError('snapshotState', 'the model has no stateDict()');
  return new Map(Object.entries(model.stateDict()));
}
