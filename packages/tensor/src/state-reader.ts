import { MlpkitError } from './errors.js';
import { checkBoolean } from './ops/check-options.js';

/**
 * Keys refused anywhere in loaded state: as own keys of a parsed object they reach the
 * prototype machinery (`JSON.parse` creates an own `__proto__`, which a later spread or
 * `Object.assign` turns into a new prototype), so no file may name them.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep loaded state may nest (objects and arrays) before {@link StateReader.deep} refuses it. */
const maxStateDepth = 64;

/** Options of {@link StateReader.number}. */
export interface NumberRule {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Only integers. */
  integer?: boolean;
  /** Refuse exactly `min` (for divisors such as a scale). */
  above?: number;
}

/** A short rendering of a loaded value for an error message: `"x"`, `NaN`, `an array of 3`. */
export function describeLoaded(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function ruleText(plural: boolean, rule: NumberRule): string {
  const parts = [rule.integer ? (plural ? 'integers' : 'an integer') : plural ? 'finite numbers' : 'a finite number'];
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  return parts.join(' ');
}

function fits(v: unknown, rule: NumberRule): v is number {
  return typeof v === 'number' && Number.isFinite(v) && (!rule.integer || Number.isInteger(v))
    && (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max) && (rule.above === undefined || v > rule.above);
}

/**
 * Field-by-field checks of loaded state (optimizer, scheduler, scaler, checkpoint, file
 * metadata). Every check names the field's path and what it expected, and throws an
 * `MlpkitError` for `op`, so a loader validates everything first and applies nothing until all
 * of it passed. Paths read like `param_groups[0].lr`.
 *
 * @example
 * const read = new StateReader('Adam.loadStateDict');
 * const lr = read.number('param_groups[0].lr', group.lr, { min: 0 });
 */
export class StateReader {
  constructor(readonly op: string) {}

  /** Throws for `path`, saying what was expected and what `value` is. */
  fail(path: string, expected: string, value: unknown): never {
    throw new MlpkitError(this.op, `${path ? `${path}: ` : ''}expected ${expected}, got ${describeLoaded(value)}`);
  }

  /** `path` extended by an object key or an array index. */
  at(path: string, key: string | number): string {
    if (typeof key === 'number') return `${path}[${key}]`;
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    return path ? (name.startsWith('"') ? `${path}[${name}]` : `${path}.${name}`) : name;
  }

  /**
   * A plain object (not an array, not a class instance) with no forbidden key. With `required`
   * and `optional`, every required key must be present and no other key is accepted.
   */
  object(path: string, value: unknown, keys?: { required?: readonly string[]; optional?: readonly string[] }): Record<string, unknown> {
    const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
    if (proto === undefined || Array.isArray(value) || (proto !== Object.prototype && proto !== null)) this.fail(path, 'an object', value);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (forbiddenKeys.has(key)) this.fail(this.at(path, key), 'no such key (it could reach an object prototype)', record[key]);
    if (keys) {
      const allowed = new Set([...(keys.required ?? []), ...(keys.optional ?? [])]);
      for (const key of Object.keys(record))
        if (!allowed.has(key)) throw new MlpkitError(this.op, `${this.at(path, key)}: unknown field; known: ${[...allowed].join(', ') || 'none'}`);
      for (const key of keys.required ?? []) if (!Object.hasOwn(record, key)) this.fail(this.at(path, key), 'a value', undefined);
    }
    return record;
  }

  /** A finite number obeying `rule`. */
  number(path: string, value: unknown, rule: NumberRule = {}): number {
    if (!fits(value, rule)) this.fail(path, ruleText(false, rule), value);
    return value;
  }

  /**
   * true or false, refused in {@link checkBoolean}'s words with the path as the name
   * (`expected param_groups[0].amsgrad to be true or false, got the string "yes"`), so a
   * constructor's option and the same switch loaded from a file read alike.
   */
  boolean(path: string, value: unknown): boolean {
    if (value === undefined) this.fail(path, 'true or false', value);
    checkBoolean(this.op, path, value);
    return value;
  }

  /** A string. */
  string(path: string, value: unknown): string {
    if (typeof value !== 'string') this.fail(path, 'a string', value);
    return value;
  }

  /** One of the listed values. */
  oneOf<T>(path: string, value: unknown, values: readonly T[]): T {
    if (!values.includes(value as T)) this.fail(path, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, value);
    return value as T;
  }

  /** An array, of exactly `length` items when given. */
  array(path: string, value: unknown, length?: number): unknown[] {
    if (!Array.isArray(value)) this.fail(path, length === undefined ? 'an array' : `an array of ${length}`, value);
    if (length !== undefined && value.length !== length) this.fail(path, `an array of ${length}`, value);
    return value;
  }

  /** An array (or typed array) of numbers obeying `rule`, of exactly `length` when given. */
  numbers(path: string, value: unknown, rule: NumberRule & { length?: number } = {}): ArrayLike<number> {
    const isList = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && typeof (value as unknown as ArrayLike<unknown>)[0] !== 'bigint');
    const what = `${rule.length === undefined ? 'an array' : `an array of ${rule.length}`} of ${ruleText(true, rule)}`;
    if (!isList) this.fail(path, what, value);
    const list = value as ArrayLike<unknown>;
    if (rule.length !== undefined && list.length !== rule.length) this.fail(path, what, value);
    for (let i = 0; i < list.length; i++) if (!fits(list[i], rule)) this.fail(`${path}[${i}]`, ruleText(false, rule), list[i]);
    return list as ArrayLike<number>;
  }

  /**
   * Refuses a forbidden key anywhere inside `value` (objects and arrays), and nesting deeper
   * than {@link maxStateDepth}, which no saved state reaches and which would exhaust the stack.
   */
  deep(path: string, value: unknown, depth = 0): void {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    if (depth >= maxStateDepth) this.fail(path, `at most ${maxStateDepth} levels of nesting`, value);
    if (Array.isArray(value)) {
      // Paths are built only for nested objects: long arrays of numbers cost one pass.
      for (let i = 0; i < value.length; i++) if (value[i] !== null && typeof value[i] === 'object') this.deep(`${path}[${i}]`, value[i], depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (forbiddenKeys.has(key)) this.fail(this.at(path, key), 'no such key (it could reach an object prototype)', item);
      this.deep(this.at(path, key), item, depth + 1);
    }
  }
}
