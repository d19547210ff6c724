import { MlpkitError, checkBoolean, checkOptions, describe } from '@mlpkit/tensor';
import { type GradLike, type ParamLike, checkedParamList } from './param.js';

/** Options of `clipGradNorm_`. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/** The p-norm of all gradients taken together, as if they were concatenated into one vector. */
export function totalGradNorm(grads: readonly GradLike[], normType: number): number {
  if (!Array.isArray(grads)) throw new MlpkitError('totalGradNorm', `grads: expected an array of gradients, got ${describe(grads)}`);
  grads.forEach((g: unknown, i) => {
    if (typeof g !== 'object' || g === null || !ArrayBuffer.isView((g as GradLike).data))
      throw new MlpkitError('totalGradNorm', `grads: expected gradient ${i} to be a tensor, got ${describe(g)}`);
  });
  if (typeof normType !== 'number' || !(normType > 0))
    throw new MlpkitError('totalGradNorm', `normType: expected a positive number or Infinity, got ${describe(normType)}`);
  if (normType === Infinity) {
    let max = 0;
    for (const g of grads) for (let i = 0; i < g.data.length; i++) max = Math.max(max, Math.abs(g.data[i]));
    return max;
  }
  let sum = 0;
  for (const g of grads) for (let i = 0; i < g.data.length; i++) sum += Math.abs(g.data[i]) ** normType;
  return sum ** (1 / normType);
}

/**
 * Rescales the gradients of `params` in place so that their total norm is at most `maxNorm`
 * (PyTorch's `clip_grad_norm_`), and returns the total norm from before clipping.
 *
 * The norm is taken over all gradients together (`normType` 2 by default, any p > 0, or
 * `'inf'`/`Infinity` for max |g|); every gradient is multiplied by
 * min(1, maxNorm / (totalNorm + 1e-6)). Parameters without a gradient are ignored.
 *
 * @example
 * loss.backward();
 * const norm = clipGradNorm_(model.parameters(), 1.0);
 * optimizer.step();
 */
export function clipGradNorm_(
  params: Iterable<ParamLike> | ParamLike,
  maxNorm: number,
  normType: number | 'inf' = 2,
  options: ClipGradNormOptions = {},
): number {
  checkOptions('clipGradNorm_', options, ['errorIfNonfinite']);
  // A string such as 'false' is truthy: taken as is, it would turn the error on.
  if (options.errorIfNonfinite !== undefined) checkBoolean('clipGradNorm_', 'errorIfNonfinite', options.errorIfNonfinite);
  const p = normType === 'inf' ? Infinity : normType;
  if (typeof p !== 'number' || !(p > 0))
    throw new MlpkitError('clipGradNorm_', `normType: expected a positive number or 'inf', got ${String(normType)}`);
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0))
    throw new MlpkitError('clipGradNorm_', `maxNorm: expected a number >= 0, got ${String(maxNorm)}`);
  const grads = checkedParamList('clipGradNorm_', params).flatMap((q) => (q.grad ? [q.grad] : []));
  if (grads.length === 0) return 0;
  const total = totalGradNorm(grads, p);
  if (options.errorIfNonfinite && !Number.isFinite(total))
    throw new MlpkitError(
      'clipGradNorm_',
      `The total norm of order ${p} for gradients from \`parameters\` is non-finite (${total}), so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite to false`,
    );
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1 || Number.isNaN(coef)) for (const g of grads) for (let i = 0; i < g.data.length; i++) g.data[i] *= coef;
  return total;
}
