import { MlpkitError } from '@mlpkit/tensor';
import { type ParamLike, checkedParamList } from './param.js';

/**
 * Clamps every gradient element of `params` to [−clipValue, clipValue] in place (PyTorch's
 * `clip_grad_value_`). Parameters without a gradient are ignored.
 *
 * @example
 * loss.backward();
 * clipGradValue_(model.parameters(), 0.5);
 */
export function clipGradValue_(params: Iterable<ParamLike> | ParamLike, clipValue: number): void {
  if (typeof clipValue !== 'number' || !(clipValue >= 0))
    throw new MlpkitError('clipGradValue_', `clipValue: expected a number >= 0, got ${String(clipValue)}`);
  for (const p of checkedParamList('clipGradValue_', params)) {
    const g = p.grad?.data;
    if (!g) continue;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(Math.max(g[i], -clipValue), clipValue);
  }
}
