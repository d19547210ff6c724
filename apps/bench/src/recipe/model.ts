import { relu } from '@mlpkit/activations';
import { kaimingNormal_, zeros_ } from '@mlpkit/initializers';
import { Dropout, Linear, Sequential } from '@mlpkit/nn';
import { BatchNorm1d } from '@mlpkit/normalization';
import { manualSeed } from '@mlpkit/tensor';
import { RECIPE } from './spec.js';

/** A Linear layer with He normal weights (fan_in, relu, as the recipe's PyTorch side) and zero biases. */
function heLinear(inputs: number, outputs: number): Linear {
  const layer = new Linear(inputs, outputs);
  kaimingNormal_(layer.weight, { mode: 'fanIn', nonlinearity: 'relu' });
  if (layer.bias) zeros_(layer.bias);
  return layer;
}

/** The recipe's network from the library's public API: [Linear → BatchNorm1d → ReLU → Dropout] per hidden layer, then Linear to 10 logits. */
export function recipeModel(): Sequential {
  manualSeed(RECIPE.seed);
  const model = new Sequential();
  let inputs = 784;
  for (const width of RECIPE.hidden) {
    model.append(heLinear(inputs, width)).append(new BatchNorm1d(width)).append(relu).append(new Dropout(RECIPE.dropout));
    inputs = width;
  }
  return model.append(heLinear(inputs, 10));
}
