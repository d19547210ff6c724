import { noGrad } from '@mlpkit/autograd';
import { Dropout, Linear, Maxout, Sequential, dropoutWithMask } from '@mlpkit/nn';
import { relu } from '@mlpkit/activations';
import { type Tensor, gather, logsumexp, mean, sub, unsqueeze } from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf } from './helpers.js';

// Mean cross-entropy from class indices, composed from tensor ops so that this case checks nn
// (Linear, Sequential, loadStateDict) without depending on @mlpkit/losses.
const crossEntropy = (logits: Tensor, target: Tensor): Tensor =>
  mean(sub(logsumexp(logits, 1), gather(logits, 1, unsqueeze(target, 1)).reshape(target.shape[0])));

/** A Linear layer holding the case's weight (and bias), loaded through loadStateDict. */
function linearFrom(weight: Tensor, bias: Tensor | undefined): Linear {
  const [outF, inF] = weight.shape;
  const layer = new Linear(inF, outF, { bias: bias !== undefined });
  layer.loadStateDict(bias ? { weight, bias } : { weight });
  return layer;
}

function linearCase(c: FixtureCase): CaseOutcome {
  const input = leavesOf(c).input;
  const layer = linearFrom(toTensor(c.inputs.weight), c.inputs.bias && toTensor(c.inputs.bias));
  const leaves: Record<string, Tensor> = { input, weight: layer.weight, ...(layer.bias ? { bias: layer.bias } : {}) };
  return { outputs: { output: layer.forward(input) }, leaves };
}

/** One SGD step of Linear-ReLU-Linear with cross-entropy, then the loss again with the new parameters. */
function mlpTrainStep(c: FixtureCase): CaseOutcome {
  const { input, target } = leavesOf(c);
  const t = (k: string) => toTensor(c.inputs[k]);
  const fc1 = linearFrom(t('fc1_weight'), t('fc1_bias'));
  const fc2 = linearFrom(t('fc2_weight'), t('fc2_bias'));
  const model = new Sequential(fc1, relu, fc2);
  const hiddenPre = fc1.forward(input);
  const hidden = relu(hiddenPre);
  const logits = fc2.forward(hidden);
  const loss = crossEntropy(logits, target);
  loss.backward();
  const grads = { input: input.grad!, fc1_weight: fc1.weight.grad!, fc1_bias: fc1.bias!.grad!, fc2_weight: fc2.weight.grad!, fc2_bias: fc2.bias!.grad! };
  const lr: number = c.params.lr;
  for (const p of model.parameters()) for (let i = 0; i < p.size; i++) p.data[i] -= lr * p.grad!.data[i];
  const lossAfter = noGrad(() => crossEntropy(model.forward(input), target));
  return {
    outputs: {
      hidden_pre: hiddenPre, hidden, logits, loss,
      fc1_weight_after: fc1.weight.clone(), fc1_bias_after: fc1.bias!.clone(),
      fc2_weight_after: fc2.weight.clone(), fc2_bias_after: fc2.bias!.clone(),
      loss_after: lossAfter,
    },
    grads,
  };
}

/** Training mode with the case's fixed keep-mask, or a Dropout layer in eval mode. */
function dropoutCase(c: FixtureCase): CaseOutcome {
  const leaves = leavesOf(c);
  const { p, training } = c.params;
  if (training) return { outputs: { output: dropoutWithMask(leaves.input, leaves.mask, p) }, leaves };
  return { outputs: { output: new Dropout(p).eval().forward(leaves.input) }, leaves };
}

function maxoutCase(c: FixtureCase): CaseOutcome {
  const leaves = leavesOf(c);
  return { outputs: { output: new Maxout(c.params.units, c.params.k).forward(leaves.input) }, leaves };
}

/**
 * Handlers for fixtures/pytorch/layers.json, by fixture op. The normalization layers
 * (batch_norm1d, layer_norm) belong to @mlpkit/normalization and are added here beside these.
 */
export const layersHandlers: HandlerTable = {
  linear: linearCase,
  mlp_train_step: mlpTrainStep,
  dropout: dropoutCase,
  maxout: maxoutCase,
};
