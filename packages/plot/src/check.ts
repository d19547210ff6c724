import { MlpkitError, describe } from '@mlpkit/tensor';

/** Refuses a non-array or an array of non-numbers (NaN and ±Infinity are allowed: they mark divergence). */
export function checkNumbers(op: string, name: string, values: unknown): void {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) throw new MlpkitError(op, `${name}: expected an array of numbers, got ${typeof values}`);
  const arr = values as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++)
    if (typeof arr[i] !== 'number') throw new MlpkitError(op, `${name}[${i}]: expected a number, got ${typeof arr[i]} ${String(arr[i])}`);
}

/** Refuses arrays of different lengths. */
export function checkSameLength(op: string, a: [string, ArrayLike<unknown>], b: [string, ArrayLike<unknown>]): void {
  if (a[1].length !== b[1].length) throw new MlpkitError(op, `${a[0]} and ${b[0]} must have the same length, got ${a[1].length} and ${b[1].length}`);
}

/**
 * Refuses anything but a non-empty array of objects (`what` names one: "histogram"), each with
 * a string `name` when `named`, so that a builder never reads a field of null or of a number.
 */
export function checkItems(op: string, items: unknown, what: string, named: boolean): void {
  if (!Array.isArray(items) || items.length === 0) throw new MlpkitError(op, `expected at least one ${what}, got ${describe(items)}`);
  items.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new MlpkitError(op, `${what} ${i}: expected an object, got ${describe(item)}`);
    const name = (item as { name?: unknown }).name;
    if (named && typeof name !== 'string') throw new MlpkitError(op, `${what} ${i}: expected a string name, got ${describe(name)}`);
  });
}

/** `Array.isArray` without its narrowing (which turns a readonly array's elements into `any`). */
export function isArray(v: unknown): boolean {
  return Array.isArray(v);
}
