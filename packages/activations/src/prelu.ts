import { customOp } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, cast, formatShape, gt, mul, reshape, sum, where } from '@mlpkit/tensor';
import { asFloat, constant } from './elementwise.js';

/** The shape that lines `weight` up with the channel dim 1 of `x` (or broadcasts one shared slope). */
function slopeShape(x: Tensor, weight: Tensor): number[] {
  const channels = x.ndim >= 2 ? x.shape[1] : 1;
  if (weight.ndim > 1 || (weight.size !== 1 && weight.size !== channels))
    throw new MlpkitError('prelu', `weight must have shape [1] or [${channels}] (one slope per channel of dim 1 of input ${formatShape(x.shape)}), got ${formatShape(weight.shape)}`);
  if (weight.size === 1) return [];
  return [channels, ...Array<number>(Math.max(0, x.ndim - 2)).fill(1)];
}

/**
 * The parametric ReLU: x for x > 0 and a·x otherwise, where the slope a is learned. `weight`
 * holds one shared slope (shape [1]) or one per channel (shape [C], applied along dim 1 of
 * `x`, as PyTorch does). Derivatives: 1 or a for x, and x (where x ≤ 0) for a, summed over
 * every element that shares the slope. `@mlpkit/nn`'s PReLU layer holds `weight` as a Parameter.
 *
 * @example prelu(tensor([1, 5, -4, 3, -2]), tensor([0.1])) // [1, 5, -0.4, 3, -0.2]
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const input = asFloat(x, 'prelu');
  const slopes = cast(weight, input.dtype);
  const shape = slopeShape(input, slopes);
  const sharedDims = shape.length === 0 ? null : input.shape.map((_, d) => d).filter((d) => d !== 1);
  return customOp('prelu', [input, slopes],
    () => where(gt(input, 0), input, mul(input, reshape(slopes, shape))),
    (grad, _y, needs) => {
      const positive = gt(input, 0);
      const zero = constant(input, 0);
      const dx = needs[0] ? where(positive, grad, mul(grad, reshape(slopes, shape))) : null;
      const dw = needs[1] ? reshape(sum(where(positive, zero, mul(grad, input)), sharedDims), slopes.shape) : null;
      return [dx, dw];
    });
}
