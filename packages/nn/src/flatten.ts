import { type Tensor, flatten } from '@mlpkit/tensor';
import { Module } from './module.js';

/** Flattens dims startDim..endDim into one (`torch.nn.Flatten`); the default keeps the batch dim: [N, 1, 28, 28] → [N, 784]. */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(input: Tensor): Tensor {
    return flatten(input, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
