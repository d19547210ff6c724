import { type StepSurvivor, inStepScope } from '@mlpkit/tensor';
import type { OptimizerLike, TrainableModel } from './types.js';

/** Whose tensors outlive every step: the model's, and the optimizer's parameters (fit). */
export interface StepOwners {
  model: TrainableModel;
  optimizer?: OptimizerLike;
}

/**
 * Runs one synchronous step of `fit` or `evaluate`; with `reuseMemory`, inside a step scope
 * (`openStepScope`) whose memory the next steps reuse once it ends. The step's memory is
 * given back only when `reusable(result)` says so, never after an error; the model's
 * parameters, their gradients and its buffers always survive, and so do the optimizer's
 * parameters (one outside the model, such as a learnable term of a loss, included).
 */
export function runStep<T>(op: string, reuseMemory: boolean, owners: StepOwners, body: () => T, reusable: (result: T) => boolean = () => true): T {
  return reuseMemory ? inStepScope(op, body, () => survivors(owners), reusable) : body();
}

/** What outlives a step: the parameters with their gradients, and the buffers (running statistics). */
function* survivors({ model, optimizer }: StepOwners): Generator<StepSurvivor> {
  yield* model.parameters();
  if (model.namedBuffers) for (const [, t] of model.namedBuffers()) yield t;
  else if (model.stateDict) yield* Object.values(model.stateDict());
  for (const group of optimizer?.paramGroups ?? []) if (Array.isArray(group.params)) yield* group.params as StepSurvivor[];
}
