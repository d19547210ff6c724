/**
 * mlpkit in one import. Tensors and autograd are exported flat (`tensor`, `matmul`,
 * `requiresGrad`, `noGrad`, …); every pipeline step is a namespace named after its
 * package, so names never collide (`activations.sigmoid` is the differentiable activation,
 * `sigmoid` the tensor primitive).
 *
 * @example
 * import { tensor, nn, losses, optimizers } from 'mlpkit';
 */
export * from '@mlpkit/tensor';
export * from '@mlpkit/autograd';
export * as activations from '@mlpkit/activations';
export * as datasets from '@mlpkit/datasets';
export * as initializers from '@mlpkit/initializers';
export * as losses from '@mlpkit/losses';
export * as metrics from '@mlpkit/metrics';
export * as nn from '@mlpkit/nn';
export * as normalization from '@mlpkit/normalization';
export * as onnx from '@mlpkit/onnx';
export * as optimizers from '@mlpkit/optimizers';
export * as train from '@mlpkit/train';
export * as search from '@mlpkit/search';
export * as plot from '@mlpkit/plot';
