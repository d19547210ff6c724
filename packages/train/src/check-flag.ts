import { MlpkitError } from '@mlpkit/tensor';

/** Throws unless an optional on/off option is absent, true or false, naming the op and the option. */
export function checkFlag(op: string, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new MlpkitError(op, `${name}: expected true or false, got ${String(value)}`);
}
