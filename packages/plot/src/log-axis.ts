/** Below this or above {@link EXPONENT_ABOVE}, a log axis's ticks are written as exponents. */
const EXPONENT_BELOW = 1e-3;
const EXPONENT_ABOVE = 1e4;

/**
 * The axis of a log scale over `values`, with every tick in one notation. Left to Vega, ticks
 * follow JavaScript's own switch to exponents below 1e-6, so one axis reads 1e-7 beside 0.000001
 * (and 1,000,000,000 at the other end). An axis whose decades reach below 1e-3 or above 1e4 is
 * written in exponents throughout (1e-7, 2e-7, 1e-6, …, 1e+1); a narrower one keeps decimals
 * (0.001, 0.02, 1, 20), which read more easily. Values that are not positive and finite are
 * left out: a log scale does not draw them.
 *
 * @example
 * const x = { field: 'lr', type: 'quantitative', scale: { type: 'log' }, axis: logAxis(lrs) };
 */
export function logAxis(values: readonly number[]): { format?: string } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0 && v < Infinity)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return {};
  // The scale is niced out to whole decades, and the ticks with it.
  const reachesOut = 10 ** Math.floor(Math.log10(lo)) < EXPONENT_BELOW || 10 ** Math.ceil(Math.log10(hi)) > EXPONENT_ABOVE;
  return reachesOut ? { format: '~e' } : {};
}
