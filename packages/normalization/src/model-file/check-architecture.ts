import { MlpkitError, checkBoolean, repeatedJsonKey } from '@mlpkit/tensor';
import { ARCHITECTURE_METADATA_KEY, ARCHITECTURE_VERSION, type Architecture, type ModuleSpec } from './architecture.js';
import type { ModuleOptions, OptionKind, OptionValue } from './module-type.js';
import { knownTypeNames, moduleTypeNamed } from './module-registry.js';

const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
// Deeper nesting than any real model: a hostile file must not exhaust the stack.
const MAX_DEPTH = 64;
const MAX_LAYERS = 100_000;

const fail = (path: string, message: string): never => {
  throw new MlpkitError('loadModel', `${path}: ${message}`);
};
const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 60) ?? String(value));

/** A plain object whose keys are all in `allowed`; refuses prototype keys by name. */
function plainObject(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, `expected an object, got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (forbidden.has(key)) fail(`${path}.${key}`, 'this key is not allowed');
    if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown field; expected only ${allowed.join(', ') || 'no fields'}`);
  }
  return value as Record<string, unknown>;
}

function checkValue(value: unknown, kind: OptionKind, path: string): OptionValue {
  const finite = typeof value === 'number' && Number.isFinite(value);
  if (Array.isArray(kind)) return kind.includes(value as string) ? (value as string) : fail(path, `expected one of ${kind.join(', ')}, got ${show(value)}`);
  switch (kind) {
    case 'integer': return Number.isSafeInteger(value) ? (value as number) : fail(path, `expected an integer, got ${show(value)}`);
    case 'number': return finite ? (value as number) : fail(path, `expected a finite number, got ${show(value)}`);
    case 'number-or-null': return finite || value === null ? (value as number | null) : fail(path, `expected a finite number or null, got ${show(value)}`);
    // In the words every other switch is refused in, with the field's path as its name.
    case 'boolean': checkBoolean('loadModel', path, value); return value;
    case 'string': return typeof value === 'string' ? value : fail(path, `expected a string, got ${show(value)}`);
    case 'dtype': return value === 'float32' || value === 'float64' ? value : fail(path, `expected "float32" or "float64", got ${show(value)}`);
    case 'integer-list':
      if (!Array.isArray(value) || value.length > 64 || !value.every((d) => Number.isSafeInteger(d))) return fail(path, `expected a list of integers, got ${show(value)}`);
      return [...value] as number[];
    default: return fail(path, `unknown option kind ${show(kind)}`);
  }
}

function checkSpec(value: unknown, path: string, depth: number, count: { layers: number }): ModuleSpec {
  if (depth > MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} modules`);
  if (++count.layers > MAX_LAYERS) fail(path, `more than ${MAX_LAYERS} modules`);
  const spec = plainObject(value, path, ['type', 'options', 'layers']);
  const { type } = spec;
  if (typeof type !== 'string') return fail(`${path}.type`, `expected a type name, got ${show(type)}`);
  if (type === 'Sequential') {
    plainObject(spec, path, ['type', 'layers']);
    if (!Array.isArray(spec.layers)) return fail(`${path}.layers`, `expected a list of layers, got ${show(spec.layers)}`);
    return { type, layers: spec.layers.map((layer, i) => checkSpec(layer, `${path}.layers[${i}]`, depth + 1, count)) };
  }
  const moduleType = moduleTypeNamed(type);
  if (!moduleType)
    return fail(`${path}.type`, `unknown module type "${type.slice(0, 80)}"; known: ${knownTypeNames().join(', ')} (a class of your own must be registered with registerModule before loading)`);
  plainObject(spec, path, ['type', 'options']);
  const given = plainObject(spec.options ?? {}, `${path}.options`, Object.keys(moduleType.options));
  const options: ModuleOptions = {};
  for (const [name, kind] of Object.entries(moduleType.options))
    if (given[name] !== undefined) options[name] = checkValue(given[name], kind, `${path}.options.${name}`);
  for (const name of moduleType.required ?? []) if (!(name in options)) fail(`${path}.options.${name}`, `${type} needs this option`);
  return { type, options };
}

/**
 * Checks a model file's architecture JSON field by field (hostile until checked): the format
 * and version, every module's type (registered), its options (known names, right kinds) and
 * no `__proto__`/`constructor`/`prototype` keys. Refuses with the field's path.
 */
export function checkArchitecture(text: string): Architecture {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('architecture', `not valid JSON: ${(error as Error).message}`);
  }
  // JSON.parse keeps the last of two equal keys without a word.
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) fail('architecture', `the key ${JSON.stringify(repeated)} appears twice in one object`);
  const root = plainObject(value, 'architecture', ['format', 'version', 'model']);
  if (root.format !== ARCHITECTURE_METADATA_KEY) fail('architecture.format', `expected "${ARCHITECTURE_METADATA_KEY}", got ${show(root.format)}`);
  if (root.version !== ARCHITECTURE_VERSION)
    fail('architecture.version', `this mlpkit reads version ${ARCHITECTURE_VERSION}, got ${show(root.version)}${typeof root.version === 'number' && root.version > ARCHITECTURE_VERSION ? ' (written by a newer mlpkit)' : ''}`);
  return { format: ARCHITECTURE_METADATA_KEY, version: ARCHITECTURE_VERSION, model: checkSpec(root.model, 'architecture.model', 0, { layers: 0 }) };
}
