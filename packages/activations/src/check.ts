import { MlpkitError } from '@mlpkit/tensor';

/** Refuses a hyper-parameter that is not a finite number (a typo'd config gives `undefined` or NaN). */
export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new MlpkitError(op, `${name} must be a finite number, got ${String(value)}`);
}

/** Refuses a hyper-parameter that is not a finite positive number (a divisor or a scale). */
export function checkPositive(op: string, name: string, value: number): void {
  checkFinite(op, name, value);
  if (value <= 0) throw new MlpkitError(op, `${name} must be positive, got ${value}`);
}
