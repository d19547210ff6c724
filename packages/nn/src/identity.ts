import type { Tensor } from '@mlpkit/tensor';
import { Module } from './module.js';

/** Returns its input unchanged (`torch.nn.Identity`), a placeholder where a layer is optional. */
export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}
