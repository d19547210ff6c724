/**
 * `x` with `digits` decimals, rounded half to even on its exact binary value, as Python's
 * `'{:.2f}'` does. `Number.prototype.toFixed` rounds exact ties up instead (0.125 → "0.13"
 * where Python prints "0.12"), and a report must print what scikit-learn prints.
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x.toFixed(digits);
  // toFixed(100) is exact here: a double's decimal expansion ends well before 100 digits
  // whenever it could be a tie at `digits` ≤ 20.
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf('.');
  const kept = exact.slice(0, point) + exact.slice(point + 1, point + 1 + digits);
  const rest = exact.slice(point + 1 + digits);
  const first = rest.charCodeAt(0) - 48;
  const tail = /[1-9]/.test(rest.slice(1));
  const last = kept.charCodeAt(kept.length - 1) - 48;
  const up = first > 5 || (first === 5 && (tail || last % 2 === 1));
  const n = BigInt(kept) + (up ? 1n : 0n);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  let s = n.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return sign + s;
}
