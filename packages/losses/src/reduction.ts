import { MlpkitError, type Tensor, mean, sum } from '@mlpkit/tensor';

/** How a loss turns per-element losses into its result, as PyTorch's `reduction` argument. */
export type Reduction = 'none' | 'mean' | 'sum';

/** Refuses a reduction outside `allowed`, naming the ones that exist. */
export function checkReduction(op: string, reduction: string, allowed: readonly string[] = ['none', 'mean', 'sum']): void {
  if (!allowed.includes(reduction))
    throw new MlpkitError(op, `reduction must be one of ${allowed.map((r) => `'${r}'`).join(', ')}, got '${String(reduction)}'`);
}

/** Applies `reduction` to per-element losses: as they are, their mean, or their sum. */
export function reduce(op: string, losses: Tensor, reduction: Reduction): Tensor {
  checkReduction(op, reduction);
  if (reduction === 'none') return losses;
  return reduction === 'sum' ? sum(losses) : mean(losses);
}
