import { BatchNorm1d, LayerNorm } from '@mlpkit/normalization';
import type { Tensor } from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf } from './helpers.js';

/** Copies the case's tensors into the layer's own parameters and buffers, by PyTorch name. */
function load(layer: BatchNorm1d | LayerNorm, c: FixtureCase, names: Record<string, string>): void {
  const state: Record<string, Tensor> = {};
  for (const [fixtureName, key] of Object.entries(names)) if (c.inputs[fixtureName]) state[key] = toTensor(c.inputs[fixtureName]);
  layer.loadStateDict(state, { strict: false });
}

/**
 * BatchNorm1d (train or eval) on the case's input and statistics. A chained training step
 * (`params.step` k) starts from k − 1 tracked batches, as the layer that produced its inputs had.
 */
function batchNorm1d(c: FixtureCase): CaseOutcome {
  const p = c.params;
  const layer = new BatchNorm1d(p.num_features, { eps: p.eps, momentum: p.momentum, affine: p.affine, trackRunningStats: p.track_running_stats });
  load(layer, c, { weight: 'weight', bias: 'bias', running_mean: 'runningMean', running_var: 'runningVar' });
  if (layer.numBatchesTracked) layer.numBatchesTracked.data[0] = (p.step ?? 1) - 1;
  layer.train(p.training);
  const { input } = leavesOf(c);
  const output = layer.forward(input);
  const outputs: CaseOutcome['outputs'] = { output };
  if (layer.runningMean && layer.runningVar) Object.assign(outputs, { running_mean: layer.runningMean, running_var: layer.runningVar });
  if (layer.numBatchesTracked) outputs.num_batches_tracked = layer.numBatchesTracked;
  const leaves: Record<string, Tensor> = { input, ...(layer.weight ? { weight: layer.weight } : {}), ...(layer.bias ? { bias: layer.bias } : {}) };
  return { outputs, leaves };
}

function layerNorm(c: FixtureCase): CaseOutcome {
  const p = c.params;
  const layer = new LayerNorm(p.normalized_shape, { eps: p.eps, elementwiseAffine: p.elementwise_affine });
  load(layer, c, { weight: 'weight', bias: 'bias' });
  const { input } = leavesOf(c);
  const leaves: Record<string, Tensor> = { input, ...(layer.weight ? { weight: layer.weight } : {}), ...(layer.bias ? { bias: layer.bias } : {}) };
  return { outputs: { output: layer.forward(input) }, leaves };
}

/** The normalization layers of fixtures/pytorch/layers.json (BatchNorm1d, LayerNorm). */
export const normalizationLayersHandlers: HandlerTable = {
  batch_norm1d: batchNorm1d,
  layer_norm: layerNorm,
};
