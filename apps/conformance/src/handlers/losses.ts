import * as L from '@mlpkit/losses';
import type { Tensor } from '@mlpkit/tensor';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf } from './helpers.js';

type Params = Record<string, any>;

/** Runs a loss on the case's `input` and `target` (plus optional `weight`/`pos_weight`) and returns its `loss`. */
function loss(fn: (input: Tensor, target: Tensor, p: Params, inputs: Record<string, Tensor>) => Tensor) {
  return (c: FixtureCase): CaseOutcome => {
    const leaves = leavesOf(c);
    return { outputs: { loss: fn(leaves.input, leaves.target, c.params, leaves) }, leaves };
  };
}

/** Every op of fixtures/pytorch/losses.json, by its `op` and PyTorch-named `params`. */
export const lossesHandlers: HandlerTable = {
  // The target's dtype (int class indices or float probabilities) picks the kind, as in PyTorch.
  cross_entropy: loss((x, t, p, i) => L.crossEntropy(x, t, {
    weight: i.weight, ignoreIndex: p.ignore_index ?? -100, reduction: p.reduction, labelSmoothing: p.label_smoothing ?? 0,
  })),
  nll_loss: loss((x, t, p, i) => L.nllLoss(x, t, { weight: i.weight, ignoreIndex: p.ignore_index ?? -100, reduction: p.reduction })),
  mse_loss: loss((x, t, p) => L.mseLoss(x, t, { reduction: p.reduction })),
  l1_loss: loss((x, t, p) => L.l1Loss(x, t, { reduction: p.reduction })),
  smooth_l1_loss: loss((x, t, p) => L.smoothL1Loss(x, t, { reduction: p.reduction, beta: p.beta ?? 1 })),
  huber_loss: loss((x, t, p) => L.huberLoss(x, t, { reduction: p.reduction, delta: p.delta ?? 1 })),
  binary_cross_entropy: loss((x, t, p, i) => L.binaryCrossEntropy(x, t, { reduction: p.reduction, weight: i.weight })),
  binary_cross_entropy_with_logits: loss((x, t, p, i) =>
    L.binaryCrossEntropyWithLogits(x, t, { reduction: p.reduction, weight: i.weight, posWeight: i.pos_weight })),
  kl_div: loss((x, t, p) => L.klDiv(x, t, { reduction: p.reduction, logTarget: p.log_target ?? false })),
};
