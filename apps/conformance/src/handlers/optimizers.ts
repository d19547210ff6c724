import * as O from '@mlpkit/optimizers';
import { MlpkitError, Tensor, cast, zeros } from '@mlpkit/tensor';
import { mismatch, toleranceFor } from '../compare.js';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { numbered } from './helpers.js';

/** PyTorch's snake_case argument names in mlpkit's camelCase (`T_max` → `TMax`). */
const camel = (key: string): string => key.replace(/_([A-Za-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** The case's params as mlpkit options, without the keys that only describe the fixture run. */
function optionsOf(params: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !skip.includes(k)).map(([k, v]) => [camel(k), v]));
}

type OptimizerClass = new (params: Iterable<O.ParamLike>, options: Record<string, unknown>) => O.Optimizer<any>;
const optimizers: Record<string, OptimizerClass> = {
  SGD: O.SGD, Adam: O.Adam, AdamW: O.AdamW, RMSprop: O.RMSprop, Adagrad: O.Adagrad,
  Adadelta: O.Adadelta, Adamax: O.Adamax, NAdam: O.NAdam, RAdam: O.RAdam,
};
// PyTorch implementation switches and fixture bookkeeping, not hyperparameters.
const notHyperParams = ['optimizer', 'given', 'steps', 'foreach', 'differentiable', 'capturable', 'fused'];

/**
 * Runs an optimizer for the case's steps on W and b, setting the recorded gradient before
 * each step. The fixture's parameters were float64 inside PyTorch, so they are here too.
 */
function optimizerCase(c: FixtureCase): CaseOutcome {
  const Optim = optimizers[c.op.slice('optimizer_'.length)];
  if (!Optim) throw new Error(`no optimizer for op '${c.op}'`);
  const W = cast(toTensor(c.inputs.W0), 'float64');
  const b = cast(toTensor(c.inputs.b0), 'float64');
  const gradW = toTensor(c.inputs.grad_W).data;
  const gradB = toTensor(c.inputs.grad_b).data;
  const steps = c.inputs.grad_W.shape[0];
  const opt = new Optim([W, b], optionsOf(c.params, notHyperParams));
  const outW = new Float64Array(steps * W.size);
  const outB = new Float64Array(steps * b.size);
  const lr: number[] = [];
  for (let t = 0; t < steps; t++) {
    W.grad = new Tensor(Float64Array.from(gradW.subarray(t * W.size, (t + 1) * W.size)), W.shape);
    b.grad = new Tensor(Float64Array.from(gradB.subarray(t * b.size, (t + 1) * b.size)), b.shape);
    opt.step();
    outW.set(W.data, t * W.size);
    outB.set(b.data, t * b.size);
    lr.push(opt.paramGroups[0].lr);
  }
  return { outputs: { W: new Tensor(outW, [steps, ...W.shape]), b: new Tensor(outB, [steps, ...b.shape]), lr } };
}

/** Parameters (zeros) whose gradients are the case's `grad_0`, `grad_1`, … */
function paramsWithGrads(c: FixtureCase): Tensor[] {
  const grads = numbered(Object.fromEntries(Object.entries(c.inputs).map(([k, f]) => [k, toTensor(f)])), 'grad_');
  return grads.map((g) => {
    const p = zeros(g.shape);
    p.grad = g;
    return p;
  });
}

const gradOutputs = (params: Tensor[]) => Object.fromEntries(params.map((p, i) => [`grad_${i}`, p.grad as Tensor]));

function clipGradNormCase(c: FixtureCase): CaseOutcome {
  const params = paramsWithGrads(c);
  const { max_norm: maxNorm, norm_type: normType, error_if_nonfinite: errorIfNonfinite = false } = c.params;
  const totalNorm = O.clipGradNorm_(params, maxNorm, normType === 'inf' ? 'inf' : Number(normType), { errorIfNonfinite });
  return { outputs: { ...gradOutputs(params), total_norm: totalNorm } };
}

function clipGradValueCase(c: FixtureCase): CaseOutcome {
  const params = paramsWithGrads(c);
  O.clipGradValue_(params, c.params.clip_value);
  return { outputs: gradOutputs(params) };
}

interface Stepper {
  step(metric?: number): void;
}
type SchedulerFactory = (opt: O.SGD, options: any) => Stepper;
const schedulers: Record<string, SchedulerFactory> = {
  StepLR: (o, x) => new O.StepLR(o, x),
  MultiStepLR: (o, x) => new O.MultiStepLR(o, x),
  ExponentialLR: (o, x) => new O.ExponentialLR(o, x),
  CosineAnnealingLR: (o, x) => new O.CosineAnnealingLR(o, x),
  LinearLR: (o, x) => new O.LinearLR(o, x),
  OneCycleLR: (o, x) => new O.OneCycleLR(o, x),
  CosineAnnealingWarmRestarts: (o, x) => new O.CosineAnnealingWarmRestarts(o, x),
  ReduceLROnPlateau: (o, x) => {
    const s = new O.ReduceLROnPlateau(o, x);
    return { step: (metric?: number) => s.step(metric as number) };
  },
};

/**
 * Steps a scheduler on SGD(lr = base_lr, momentum = 0.9), as the fixture did, recording the
 * group's lr (and momentum) after construction and after every step. ReduceLROnPlateau gets
 * the case's metrics, one per step.
 */
function schedulerCase(c: FixtureCase): CaseOutcome {
  const make = schedulers[c.op.slice('lr_scheduler_'.length)];
  if (!make) throw new Error(`no scheduler for op '${c.op}'`);
  const param = zeros([1]);
  const opt = new O.SGD([param], { lr: c.params.base_lr, momentum: 0.9 });
  const scheduler = make(opt, optionsOf(c.params, ['scheduler', 'base_lr', 'steps']));
  const metrics = c.inputs.metrics ? toTensor(c.inputs.metrics).data : null;
  const group = opt.paramGroups[0];
  const lr = [group.lr];
  const momentum = [group.momentum];
  const advance = (k: number) => {
    opt.step();
    scheduler.step(metrics ? metrics[k] : undefined);
  };
  for (let k = 0; k < c.params.steps; k++) {
    advance(k);
    lr.push(group.lr);
    momentum.push(group.momentum);
  }
  const outcome: CaseOutcome = { outputs: { lr, ...(c.outputs.momentum ? { momentum } : {}) } };
  if (c.error) expectLateError(c, outcome, () => advance(-1));
  return outcome;
}

/**
 * For a case that records values and then an error (OneCycleLR stepped too far): the runner
 * only checks that something throws, so this checks the recorded values first, then that
 * exactly `after_extra_steps` more steps succeed, and that the error names PyTorch's numbers.
 * Anything wrong is thrown as a plain Error, which fails the case.
 */
function expectLateError(c: FixtureCase, outcome: CaseOutcome, step: () => void): void {
  for (const [key, want] of Object.entries(c.outputs)) {
    const why = mismatch(outcome.outputs![key] as number[], want, toleranceFor(c, want));
    if (why) throw new Error(`output '${key}': ${why}`);
  }
  const extra = (c.error as { after_extra_steps?: number }).after_extra_steps ?? 0;
  for (let i = 0; i < extra; i++) {
    try {
      step();
    } catch (error) {
      throw new Error(`extra step ${i + 1} of ${extra} should still succeed, but threw ${(error as Error).message}`);
    }
  }
  try {
    step();
  } catch (error) {
    const numbers = c.error!.message.match(/\d+/g) ?? [];
    if (error instanceof MlpkitError && numbers.every((n) => error.message.includes(n))) throw error;
    throw new Error(`wrong error: ${(error as Error).message} (PyTorch: ${c.error!.message})`);
  }
}

/** Handlers for fixtures/pytorch/optimizers.json: every optimizer, gradient clipping and LR scheduler. */
export const optimizersHandlers: HandlerTable = {
  ...Object.fromEntries(Object.keys(optimizers).map((name) => [`optimizer_${name}`, optimizerCase])),
  clip_grad_norm_: clipGradNormCase,
  clip_grad_value_: clipGradValueCase,
  ...Object.fromEntries(Object.keys(schedulers).map((name) => [`lr_scheduler_${name}`, schedulerCase])),
};
