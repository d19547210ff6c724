import { type StepSurvivor, openStepScope } from '@mlpkit/tensor';
import type { DivergenceGuard } from './divergence.js';
import type { StopInfo } from './history.js';
import type { BatchLike, LossFn, MetricLike, OptimizerLike, TrainableModel } from './types.js';

/** What one training step needs besides its batch. */
export interface StepParts {
  model: TrainableModel;
  lossFn: LossFn;
  optimizer: OptimizerLike;
  guard: DivergenceGuard;
  metrics: ReadonlyMap<string, MetricLike>;
  setToNone: boolean;
  /** Runs after the optimizer's step (a per-batch scheduler). */
  afterStep: () => void;
}

/** One step's outcome: its loss and batch size, or why training must stop. */
export type StepOutcome = { value: number; size: number; problem: null } | { problem: StopInfo };

/**
 * Takes the next batch from `batches` and trains on it: `zeroGrad`, forward, loss, the
 * divergence check, `backward`, `step`, metrics. Null when the loader has no batch left. With
 * `reuseMemory`, everything runs in a step scope (`openStepScope`) whose memory the next
 * steps reuse; it stays synchronous so that no other code runs while the scope is open.
 */
export function trainStep(batches: Iterator<BatchLike>, parts: StepParts, where: { epoch: number; batch: number }, reuseMemory: boolean): StepOutcome | null {
  const scope = reuseMemory ? openStepScope('fit') : null;
  let outcome: StepOutcome | null;
  try {
    outcome = runStep(batches, parts, where);
  } catch (e) {
    scope?.abandon();
    throw e;
  }
  // Training stops after a problem, so there is no next step to reuse that step's memory.
  if (outcome && !outcome.problem) scope?.release(stepSurvivors(parts.model));
  else scope?.abandon();
  return outcome;
}

function runStep(batches: Iterator<BatchLike>, parts: StepParts, { epoch, batch }: { epoch: number; batch: number }): StepOutcome | null {
  const next = batches.next();
  if (next.done) return null;
  const { x, y } = next.value;
  const { model, optimizer, guard } = parts;
  optimizer.zeroGrad(parts.setToNone);
  const out = model.forward(x);
  const loss = parts.lossFn(out, y);
  const value = loss.item();
  const problem = guard.check(value, epoch, batch, { x, y });
  if (problem) return { problem };
  loss.backward();
  optimizer.step();
  parts.afterStep();
  for (const m of parts.metrics.values()) m.update(out.detach(), y);
  return { value, size: x.shape[0] ?? 1, problem: null };
}

/** What outlives a step: the parameters with their gradients, and the buffers (running statistics). */
function* stepSurvivors(model: TrainableModel): Generator<StepSurvivor> {
  yield* model.parameters();
  if (model.namedBuffers) for (const [, t] of model.namedBuffers()) yield t;
  else if (model.stateDict) yield* Object.values(model.stateDict());
}
