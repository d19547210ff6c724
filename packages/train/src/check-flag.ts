import { checkBoolean } from '@mlpkit/tensor';

/** Throws unless an optional on/off option is absent, true or false, naming the op and the option. */
export function checkFlag(op: string, name: string, value: unknown): void {
  if (value !== undefined) checkBoolean(op, name, value);
}
