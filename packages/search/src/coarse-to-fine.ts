import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { type Distribution, choice, isDistribution, logUniform, randint, uniform } from './distributions.js';
import type { SearchResult } from './search-result.js';
import type { Space } from './space.js';

/** Options of {@link coarseToFine}. */
export interface CoarseToFineOptions {
  /** How many of the best trials the new ranges must cover (default 3). */
  top?: number;
  /** Widens each numeric range by this fraction of its width on both sides (default 0.1), clipped to the old range. */
  margin?: number;
}

function narrow(key: string, d: Distribution<unknown>, seen: unknown[], margin: number): Distribution<unknown> {
  if (d.kind === 'choice') return choice((d.values as unknown[]).filter((v) => seen.includes(v)));
  const log = d.kind === 'logUniform';
  const f = (x: number): number => (log ? Math.log10(x) : x);
  const inv = (x: number): number => (log ? 10 ** x : x);
  const xs = (seen as number[]).map(f);
  const [lo0, hi0] = [f(d.low as number), f(d.high as number)];
  const pad = (Math.max(...xs) - Math.min(...xs) || (hi0 - lo0) * 0.1) * margin + (Math.max(...xs) === Math.min(...xs) ? (hi0 - lo0) * 0.05 : 0);
  const lo = Math.max(lo0, Math.min(...xs) - pad);
  const hi = Math.min(hi0, Math.max(...xs) + pad);
  if (d.kind === 'randint') return randint(Math.max(d.low as number, Math.floor(lo)), Math.min(d.high as number, Math.ceil(hi) + 1));
  if (!(hi > lo)) throw new MlpkitError('coarseToFine', `space.${key}: cannot narrow ${d.label} around ${seen.join(', ')}`);
  return log ? logUniform(inv(lo), inv(hi)) : uniform(lo, hi);
}

/**
 * The slides' coarse → fine step: a new space around the `top` best trials of a finished search.
 * Each numeric range shrinks to cover those trials' values (in log space for `logUniform`, plus
 * a margin); a choice or value list keeps only the values they used.
 *
 * @example
 * const coarse = await randomSearch(space, objective, { trials: 20 });
 * const fine = await randomSearch(coarseToFine(space, coarse), objective, { trials: 20, seed: 1 });
 */
export function coarseToFine<S extends Space>(space: S, result: SearchResult<unknown>, options: CoarseToFineOptions = {}): S {
  checkOptions('coarseToFine', options, ['top', 'margin']);
  const { top = 3, margin = 0.1 } = options;
  if (!Number.isInteger(top) || top < 1) throw new MlpkitError('coarseToFine', `top must be an integer >= 1, got ${top}`);
  if (!(margin >= 0)) throw new MlpkitError('coarseToFine', `margin must be >= 0, got ${margin}`);
  const sign = result.mode === 'max' ? -1 : 1;
  const best = result.trials.filter((t) => t.score !== null).sort((a, b) => sign * ((a.score as number) - (b.score as number))).slice(0, top);
  if (best.length === 0) throw new MlpkitError('coarseToFine', 'the search has no scored trial to narrow around');
  const out: Record<string, Distribution<unknown> | readonly unknown[]> = {};
  for (const [key, entry] of Object.entries(space)) {
    const seen = best.map((t) => (t.params as Record<string, unknown>)[key]);
    out[key] = isDistribution(entry) ? narrow(key, entry, seen, margin) : (entry as unknown[]).filter((v) => seen.includes(v));
  }
  return out as S;
}
