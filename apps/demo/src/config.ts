/** The demo's one validated-value helpers: every flag is checked when it is read, before any work. */
import { MlpkitError } from '@mlpkit/tensor';

const OP = 'pnpm demo';

/** A number flag; `check` states the allowed range in words and decides it. */
export function numberFlag(name: string, raw: string | undefined, fallback: number, check: [string, (n: number) => boolean]): number {
  if (raw === undefined) return fallback;
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || !check[1](n)) throw new MlpkitError(OP, `--${name}: expected ${check[0]}, got "${raw}"`);
  return n;
}

/** One of a fixed list of names. */
export function pickFlag<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) throw new MlpkitError(OP, `--${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A comma-separated list of positive integers; empty entries (`256,,256`) are refused, not skipped. */
export function widthsFlag(name: string, raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  return raw.split(',').map((w) => numberFlag(name, w, 0, POSITIVE_INT));
}

export const POSITIVE_INT: [string, (n: number) => boolean] = ['an integer >= 1', (n) => Number.isInteger(n) && n >= 1];
export const NON_NEGATIVE_INT: [string, (n: number) => boolean] = ['an integer >= 0', (n) => Number.isInteger(n) && n >= 0];
export const POSITIVE: [string, (n: number) => boolean] = ['a number > 0', (n) => n > 0];
export const NON_NEGATIVE: [string, (n: number) => boolean] = ['a number >= 0', (n) => n >= 0];
export const PROBABILITY: [string, (n: number) => boolean] = ['a probability in [0, 1)', (n) => n >= 0 && n < 1];
export const FRACTION: [string, (n: number) => boolean] = ['a number in [0, 1]', (n) => n >= 0 && n <= 1];

/**
 * node:util's parseArgs reads `--epochs -1` as a missing value ("ambiguous"); joining a
 * negative number to its flag (`--epochs=-1`) lets the range check refuse it with a clear message.
 */
export function joinNegativeValues(argv: readonly string[], stringFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a.startsWith('--') && stringFlags.has(a.slice(2)) && next !== undefined && /^-\d|^-\.\d|^-Infinity$/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
