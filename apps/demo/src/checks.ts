import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { Tensor } from '@mlpkit/tensor';
import { checkInitialLoss, overfitSmallSubset } from '@mlpkit/train';
import type { PreparedData } from './data.js';
import { buildMlp } from './model.js';
import type { RunConfig } from './run.js';

/** The first `n` rows of a prepared dataset as one batch. */
function head(data: PreparedData, n: number): { x: Tensor; y: Tensor } {
  const ds = data.train;
  const rows = Math.min(n, ds.length);
  return {
    x: new Tensor(ds.features.slice(0, rows * ds.rowSize) as Float32Array, [rows, ds.rowSize]),
    y: new Tensor(ds.targets.slice(0, rows) as Int32Array, [rows]),
  };
}

/**
 * The slides' babysitting checks before a real run, on a fresh copy of the model: the initial
 * loss should be about ln 10, and the model must be able to overfit 20 examples. Returns the
 * lines to print.
 */
export function babysittingChecks(data: PreparedData, config: RunConfig): string[] {
  // The slides check with regularization off: dropout would keep 20 examples from being fit exactly.
  const model = buildMlp({ ...config, dropout: 0 });
  const initial = checkInitialLoss(model, head(data, 512), crossEntropy, { numClasses: 10 });
  const overfit = overfitSmallSubset(model, head(data, 20), {
    loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0.05 }), steps: 100,
  });
  const note = !initial.ok && initial.loss > initial.expected && initial.loss < 2 * initial.expected && config.init === 'he'
    ? ['       (He init scales the logits up; the slides check with tiny weights. Training is fine if the loss falls quickly.)']
    : [];
  return [`check: ${initial.message}`, ...note, `check: ${overfit.message}`];
}
