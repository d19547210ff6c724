import { MlpkitError, checkBoolean, describe } from '@mlpkit/tensor';

const shown = (value: unknown) => (typeof value === 'number' ? String(value) : describe(value));

/**
 * eps is added to a variance before its square root: below 0 (or NaN) it makes NaN outputs.
 * 0 is taken, as PyTorch takes it (exact formulas; only a constant channel then divides by 0).
 */
export function checkEps(op: string, eps: unknown): void {
  if (eps !== undefined && !(typeof eps === 'number' && Number.isFinite(eps) && eps >= 0))
    throw new MlpkitError(op, `expected eps to be a finite number ≥ 0, got ${shown(eps)}`);
}

/** The running averages' weight of a new batch: outside [0, 1] they stop being averages (null: cumulative). */
export function checkMomentum(op: string, momentum: unknown, nullable: boolean): void {
  if (momentum === undefined || (nullable && momentum === null)) return;
  if (!(typeof momentum === 'number' && momentum >= 0 && momentum <= 1))
    throw new MlpkitError(op, `expected momentum to be a number in [0, 1]${nullable ? ' or null' : ''}, got ${shown(momentum)}`);
}

/** Flags are read for truth, so a string such as 'no' would switch them on: only true or false are taken. */
export function checkFlags(op: string, options: object, names: readonly string[]): void {
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) checkBoolean(op, name, value);
  }
}
