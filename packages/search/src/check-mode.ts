import { MlpkitError } from '@mlpkit/tensor';

/** Checks `mode`, defaulting to 'max'. */
export function checkMode(op: string, mode: unknown): 'min' | 'max' {
  if (mode === undefined) return 'max';
  if (mode !== 'min' && mode !== 'max') throw new MlpkitError(op, `mode must be 'min' or 'max', got ${String(mode)}`);
  return mode;
}
