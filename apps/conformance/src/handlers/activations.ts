import * as A from '@mlpkit/activations';
import type { Tensor } from '@mlpkit/tensor';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf } from './helpers.js';

type Params = Record<string, any>;

/** Runs an activation on the case's `input` (and `weight` for prelu) with its PyTorch-named params. */
function activation(fn: (x: Tensor, p: Params, inputs: Record<string, Tensor>) => Tensor) {
  return (c: FixtureCase): CaseOutcome => {
    const leaves = leavesOf(c);
    return { outputs: { output: fn(leaves.input, c.params, leaves) }, leaves };
  };
}

/** Every op of fixtures/pytorch/activations.json, by its `op` and PyTorch-named `params`. */
export const activationsHandlers: HandlerTable = {
  sigmoid: activation((x) => A.sigmoid(x)),
  tanh: activation((x) => A.tanh(x)),
  relu: activation((x) => A.relu(x)),
  leaky_relu: activation((x, p) => A.leakyRelu(x, p.negative_slope ?? 0.01)),
  elu: activation((x, p) => A.elu(x, p.alpha ?? 1)),
  // SELU's alpha and scale are fixed constants; the fixture records them for reference only.
  selu: activation((x) => A.selu(x)),
  celu: activation((x, p) => A.celu(x, p.alpha ?? 1)),
  prelu: activation((x, _p, inputs) => A.prelu(x, inputs.weight)),
  softplus: activation((x, p) => A.softplus(x, p.beta ?? 1, p.threshold ?? 20)),
  silu: activation((x) => A.silu(x)),
  gelu: activation((x, p) => A.gelu(x, p.approximate ?? 'none')),
  mish: activation((x) => A.mish(x)),
  hardsigmoid: activation((x) => A.hardsigmoid(x)),
  hardswish: activation((x) => A.hardswish(x)),
  softsign: activation((x) => A.softsign(x)),
  hardtanh: activation((x, p) => A.hardtanh(x, p.min_val ?? -1, p.max_val ?? 1)),
  relu6: activation((x) => A.relu6(x)),
  logsigmoid: activation((x) => A.logsigmoid(x)),
  softmax: activation((x, p) => A.softmax(x, p.dim ?? -1)),
  log_softmax: activation((x, p) => A.logSoftmax(x, p.dim ?? -1)),
  binary_step: activation((x) => A.binaryStep(x)),
};
