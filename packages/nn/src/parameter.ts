import { requiresGrad } from '@mlpkit/autograd';
import { Tensor, checkTensor, longLivedStorage } from '@mlpkit/tensor';

/**
 * A tensor that a Module owns as a learnable weight: it requires grad from the start, and a
 * Module finds it among its properties for `parameters()` and `stateDict()`. It is a Tensor,
 * so every op accepts it. It shares the given tensor's storage, as `torch.nn.Parameter` does,
 * except on a backend with memory of its own (the wasm backend): there it holds a copy in that
 * memory, as `.to(device)` would in PyTorch, so that kernels read the weights where they lie
 * and SGD updates them there. Either way `data` is a Float32Array (or Float64Array); in wasm
 * memory it is a view of shared memory, which `structuredClone` and `postMessage` share instead
 * of copying: take a snapshot with `clone()` or `data.slice()`.
 *
 * @example
 * this.weight = new Parameter(zeros([3, 5]));
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGradFlag = true) {
    checkTensor('Parameter', data, 'data');
    super(longLivedStorage(data.data), data.shape);
    if (requiresGradFlag) requiresGrad(this);
  }
}
