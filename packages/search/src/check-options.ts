import { MlpkitError } from '@mlpkit/tensor';

/** Refuses any key of `options` not in `allowed`: a misspelt option is an error, never ignored. */
export function checkKeys(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MlpkitError(op, `expected an options object, got ${Array.isArray(options) ? 'an array' : String(options)}`);
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new MlpkitError(op, `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; expected one of ${allowed.join(', ')}`);
  }
}

/** Checks `mode`, defaulting to 'max'. */
export function checkMode(op: string, mode: unknown): 'min' | 'max' {
  if (mode === undefined) return 'max';
  if (mode !== 'min' && mode !== 'max') throw new MlpkitError(op, `mode must be 'min' or 'max', got ${String(mode)}`);
  return mode;
}
