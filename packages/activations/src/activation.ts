import type { Tensor } from '@mlpkit/tensor';

/**
 * An activation layer: anything with `forward(x)`. `Sequential` from `@mlpkit/nn` accepts
 * these (and plain functions) as layers. They hold no parameters; PReLU, which learns its
 * slope, is built in `@mlpkit/nn` on top of {@link prelu}.
 */
export interface Activation {
  forward(x: Tensor): Tensor;
}
