import { requiresGrad } from '@mlpkit/autograd';
import { Tensor } from '@mlpkit/tensor';

/**
 * A tensor that a Module owns as a learnable weight: it requires grad from the start, and a
 * Module finds it among its properties for `parameters()` and `stateDict()`. It is a Tensor
 * (it shares the given tensor's storage, as `torch.nn.Parameter` does), so every op accepts it.
 *
 * @example
 * this.weight = new Parameter(zeros([3, 5]));
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGradFlag = true) {
    super(data.data, data.shape);
    if (requiresGradFlag) requiresGrad(this);
  }
}
