import { MlpkitError, describe } from '../errors.js';

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `allowed`:
 * a misspelt option (`{ dtyp: 'float64' }`) is refused, never silently ignored.
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new MlpkitError(op, `expected an options object, got ${describe(options)}`);
  for (const key of Object.keys(options))
    if (!allowed.includes(key))
      throw new MlpkitError(op, `unknown option '${key}' (expected ${allowed.length ? allowed.map((k) => `'${k}'`).join(', ') : 'none'})`);
}

/**
 * `checkOptions` for a function whose options hold a required field (StepLR's stepSize,
 * ModelCheckpoint's path): without the object, reading that field would be a TypeError, not an
 * error naming what is needed.
 */
export function checkRequiredOptions(op: string, options: unknown, allowed: readonly string[], required: string): void {
  if (options === undefined) throw new MlpkitError(op, `expected an options object with ${required}, got undefined`);
  checkOptions(op, options, allowed);
}

/** Throws unless `value` is a number (NaN and ±Infinity included), naming the op and argument. */
export function checkNumber(op: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') throw new MlpkitError(op, `expected ${name} to be a number, got ${describe(value)}`);
}

/** Throws unless `value` is an integer in [min, max], naming the op and argument. */
export function checkInteger(op: string, name: string, value: unknown, min = -Infinity, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = min === -Infinity ? `at most ${max}` : `in ${min}..${max}`;
    throw new MlpkitError(op, `expected ${name} to be an integer ${range}, got ${typeof value === 'number' ? value : describe(value)}`);
  }
}

/** Throws unless `value` is true or false: a string such as `'no'` is truthy and would mean yes. */
export function checkBoolean(op: string, name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new MlpkitError(op, `expected ${name} to be true or false, got ${describe(value)}`);
}

/** Throws unless `value` is one of `allowed` (an option's enum), so a misspelt choice is refused, never defaulted. */
export function checkOneOf<T extends string>(op: string, name: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T))
    throw new MlpkitError(op, `expected ${name} to be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describe(value)}`);
}
