import { MlpkitError } from '@mlpkit/tensor';
import type { OptimizerLike, TrainableModel } from './types.js';

/**
 * Throws when `optimizer` holds none of `model`'s parameters: built for another instance of
 * the model, it would step tensors the model never reads and train nothing, without a word.
 * Holding some of them is fine (the rest are frozen), and so is holding others besides (a
 * learnable term of a loss). An optimizer of one's own whose groups show no `params`, or a model
 * without parameters, leaves nothing to compare, so it passes.
 */
export function checkOptimizerParams(op: string, model: TrainableModel, optimizer: OptimizerLike): void {
  const modelParams = new Set<unknown>(model.parameters());
  if (modelParams.size === 0) return;
  if (!optimizer.paramGroups.some((g) => Array.isArray(g.params))) return;
  const held = optimizer.paramGroups.flatMap((g) => (Array.isArray(g.params) ? (g.params as unknown[]) : []));
  if (held.some((p) => modelParams.has(p))) return;
  throw new MlpkitError(op, `optimizer: expected it to hold some of the model's ${modelParams.size} parameters, got an optimizer `
    + `holding ${held.length} other ones (was it built for another model instance? build it from this model's parameters())`);
}
