import { getActivation } from '@mlpkit/activations';
import { kaimingNormal_, xavierNormal_, zeros_ } from '@mlpkit/initializers';
import { Linear, Sequential } from '@mlpkit/nn';
import { manualSeed } from '@mlpkit/tensor';

/** How to build the MLP. */
export interface ModelOptions {
  /** Hidden layer widths, e.g. [256] (the slides' 784→256→10). */
  hidden: readonly number[];
  /** Hidden activation by name ('relu', 'sigmoid', 'tanh', …). */
  activation: string;
  /** 'he' (Kaiming normal, the slides' recipe), 'xavier', or 'default' (PyTorch's Linear init). */
  init: 'he' | 'xavier' | 'default';
  /** Seed of the initial weights. */
  seed: number;
  inputs?: number;
  classes?: number;
}

/** 784 → hidden… → 10 with the chosen activation after each hidden layer; the output stays logits. */
export function buildMlp(options: ModelOptions): Sequential {
  manualSeed(options.seed);
  const sizes = [options.inputs ?? 784, ...options.hidden, options.classes ?? 10];
  const model = new Sequential();
  for (let i = 0; i + 1 < sizes.length; i++) {
    const layer = new Linear(sizes[i], sizes[i + 1]);
    const last = i + 2 === sizes.length;
    // He's gain √2 compensates for the ReLU after a layer; the output layer's logits have no
    // ReLU after them, so they get gain 1 (otherwise the initial loss starts well above ln 10).
    if (options.init === 'he') kaimingNormal_(layer.weight, { nonlinearity: last ? 'linear' : 'relu' });
    if (options.init === 'xavier') xavierNormal_(layer.weight);
    if (options.init !== 'default' && layer.bias) zeros_(layer.bias);
    model.append(layer);
    if (!last) model.append(getActivation(options.activation));
  }
  return model;
}

/** `[784, 256, 10]` → `784→256→10`. */
export function describeMlp(options: ModelOptions): string {
  return [options.inputs ?? 784, ...options.hidden, options.classes ?? 10].join('→');
}
