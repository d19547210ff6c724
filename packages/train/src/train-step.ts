import { batchOf, lossValue } from './check-batch.js';
import type { DivergenceGuard } from './divergence.js';
import type { StopInfo } from './history.js';
import { runStep } from './step-memory.js';
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
 * `reuseMemory`, it runs in a step scope (see {@link runStep}); training stops after a
 * problem, so only a finished step gives its memory back.
 */
export function trainStep(batches: Iterator<BatchLike>, parts: StepParts, where: { epoch: number; batch: number }, reuseMemory: boolean): StepOutcome | null {
  return runStep('fit', reuseMemory, parts, () => trainOnNext(batches, parts, where), (outcome) => outcome !== null && !outcome.problem);
}

function trainOnNext(batches: Iterator<BatchLike>, parts: StepParts, { epoch, batch }: { epoch: number; batch: number }): StepOutcome | null {
  const next = batches.next();
  if (next.done) return null;
  const { x, y } = batchOf('fit', next.value, batch);
  const { model, optimizer, guard } = parts;
  optimizer.zeroGrad(parts.setToNone);
  const out = model.forward(x);
  const loss = parts.lossFn(out, y);
  const value = lossValue('fit', loss);
  const problem = guard.check(value, epoch, batch, { x, y });
  if (problem) return { problem };
  loss.backward();
  optimizer.step();
  parts.afterStep();
  for (const m of parts.metrics.values()) m.update(out.detach(), y);
  return { value, size: x.shape[0] ?? 1, problem: null };
}
