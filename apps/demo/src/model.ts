import { getActivation } from '@mlpkit/activations';
import { kaimingNormal_, xavierNormal_, zeros_ } from '@mlpkit/initializers';
import { Dropout, Linear, Maxout, PReLU, Sequential } from '@mlpkit/nn';
import { BatchNorm1d } from '@mlpkit/normalization';
import { manualSeed } from '@mlpkit/tensor';

export const INITS = ['he', 'xavier', 'default'] as const;

/** Pieces per Maxout unit: each hidden unit is the max of this many linear outputs. */
export const MAXOUT_K = 2;

/** How to build the MLP. */
export interface ModelOptions {
  /** Hidden layer widths, e.g. [512, 256] (the recipe's 784-512-256-10). */
  hidden: readonly number[];
  /** Hidden activation by name ('relu', 'sigmoid', 'tanh', 'prelu', 'maxout', …). */
  activation: string;
  /** 'he' (Kaiming normal, the slides' recipe), 'xavier', or 'default' (PyTorch's Linear init). */
  init: (typeof INITS)[number];
  /** BatchNorm1d between each hidden Linear and its activation. */
  batchnorm?: boolean;
  /** Dropout probability after each hidden activation (0 or undefined = none). */
  dropout?: number;
  /** Seed of the initial weights (and of dropout's masks, drawn from the same generator). */
  seed: number;
  inputs?: number;
  classes?: number;
}

function initLinear(layer: Linear, init: ModelOptions['init'], last: boolean): void {
  // He's gain √2 compensates for the ReLU after a layer; the output layer's logits have no
  // ReLU after them, so they get gain 1 (otherwise the initial loss starts well above ln 10).
  if (init === 'he') kaimingNormal_(layer.weight, { nonlinearity: last ? 'linear' : 'relu' });
  if (init === 'xavier') xavierNormal_(layer.weight);
  if (init !== 'default' && layer.bias) zeros_(layer.bias);
}

/**
 * 784 → hidden… → 10; each hidden layer is Linear → [BatchNorm1d] → activation → [Dropout], the
 * order of the slides' recipe; the output stays logits. Maxout's Linear has k× the units.
 */
export function buildMlp(options: ModelOptions): Sequential {
  manualSeed(options.seed);
  const sizes = [options.inputs ?? 784, ...options.hidden, options.classes ?? 10];
  const model = new Sequential();
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    const maxout = !last && options.activation === 'maxout';
    const layer = new Linear(sizes[i], maxout ? sizes[i + 1] * MAXOUT_K : sizes[i + 1]);
    initLinear(layer, options.init, last);
    model.append(layer);
    if (last) break;
    if (options.batchnorm) model.append(new BatchNorm1d(layer.outFeatures));
    if (maxout) model.append(new Maxout(sizes[i + 1], MAXOUT_K));
    else model.append(options.activation === 'prelu' ? new PReLU() : getActivation(options.activation));
    if (options.dropout) model.append(new Dropout(options.dropout));
  }
  return model;
}

/** `[784, 256, 10]` → `784-256-10`. */
export function describeMlp(options: ModelOptions): string {
  return [options.inputs ?? 784, ...options.hidden, options.classes ?? 10].join('-');
}

/** One line naming every choice of the model: `784-512-256-10, BatchNorm1d, relu, dropout 0.2, he init`. */
export function describeModel(options: ModelOptions): string {
  return [describeMlp(options), options.batchnorm ? 'BatchNorm1d' : '', options.activation,
    options.dropout ? `dropout ${options.dropout}` : '', `${options.init} init`].filter(Boolean).join(', ');
}
