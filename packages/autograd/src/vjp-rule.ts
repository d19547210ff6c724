import type { Primitive, PrimitiveParams, Tensor } from '@mlpkit/tensor';

/**
 * The gradient rule of one primitive: from the output's gradient `g`, the gradient of each
 * input (null for none). It may return a gradient in the broadcast output shape; the walker
 * sums it back to the input's shape once, for every rule.
 */
export type VjpRule<P extends Primitive> = (
  g: Tensor,
  inputs: readonly Tensor[],
  params: PrimitiveParams[P],
  out: Tensor,
  needs: readonly boolean[],
) => readonly (Tensor | null)[];

export type VjpTable<K extends Primitive> = { [P in K]: VjpRule<P> };
