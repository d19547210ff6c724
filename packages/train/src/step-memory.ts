import { type StepSurvivor, openStepScope } from '@mlpkit/tensor';
import type { TrainableModel } from './types.js';

/**
 * Runs one synchronous step of `fit` or `evaluate`; with `reuseMemory`, inside a step scope
 * (`openStepScope`) whose memory the next steps reuse once it ends. The step's memory is
 * given back only when `reusable(result)` says so, never after an error; the model's
 * parameters, their gradients and its buffers always survive.
 */
export function runStep<T>(op: string, reuseMemory: boolean, model: TrainableModel, body: () => T, reusable: (result: T) => boolean = () => true): T {
  if (!reuseMemory) return body();
  const scope = openStepScope(op);
  let result: T;
  try {
    result = body();
  } catch (e) {
    scope.abandon();
    throw e;
  }
  if (reusable(result)) scope.release(survivors(model));
  else scope.abandon();
  return result;
}

/** What outlives a step: the parameters with their gradients, and the buffers (running statistics). */
function* survivors(model: TrainableModel): Generator<StepSurvivor> {
  yield* model.parameters();
  if (model.namedBuffers) for (const [, t] of model.namedBuffers()) yield t;
  else if (model.stateDict) yield* Object.values(model.stateDict());
}
