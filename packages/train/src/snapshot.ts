import { MlpkitError, type Tensor } from '@mlpkit/tensor';
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
