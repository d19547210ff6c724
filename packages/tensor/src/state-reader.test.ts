import { describe, expect, it } from 'vitest';
import { MlpkitError } from './errors.js';
import { StateReader, describeLoaded } from './state-reader.js';

const read = new StateReader('Thing.load');

describe('StateReader', () => {
  it('names the op, the field path, what it expected and what it got', () => {
    expect(() => read.number('groups[0].lr', 'x', { min: 0 })).toThrow(new MlpkitError('Thing.load', 'groups[0].lr: expected a finite number ≥ 0, got "x"'));
    expect(() => read.number('n', 2.5, { integer: true, min: 1 })).toThrow('n: expected an integer ≥ 1, got 2.5');
    expect(() => read.number('s', 0, { above: 0 })).toThrow('s: expected a finite number > 0, got 0');
    expect(() => read.number('x', Number.NaN)).toThrow('x: expected a finite number, got NaN');
    expect(() => read.number('x', Infinity)).toThrow(/got Infinity/);
    expect(read.number('x', 3, { min: 0, max: 3, integer: true })).toBe(3);
  });

  it('refuses a switch in checkBoolean\'s words, the path as its name, and says when it is missing', () => {
    expect(() => read.boolean('groups[0].amsgrad', 'yes')).toThrow(new MlpkitError('Thing.load', 'expected groups[0].amsgrad to be true or false, got the string "yes"'));
    expect(() => read.boolean('config.clip', 0)).toThrow('Thing.load: expected config.clip to be true or false, got number 0');
    expect(() => read.boolean('config.clip', undefined)).toThrow('Thing.load: config.clip: expected true or false, got nothing (the field is missing)');
    expect(read.boolean('config.clip', false)).toBe(false);
  });

  it('checks arrays of numbers element by element, typed arrays included', () => {
    expect(() => read.numbers('v', [1, 'a'])).toThrow('v[1]: expected a finite number, got "a"');
    expect(() => read.numbers('v', [1, 2], { length: 3 })).toThrow('v: expected an array of 3 of finite numbers, got an array of 2');
    expect(() => read.numbers('v', new Float32Array([1, -1]), { min: 0 })).toThrow('v[1]: expected a finite number ≥ 0, got -1');
    expect(() => read.numbers('v', new BigInt64Array(1))).toThrow(/expected an array of finite numbers, got a BigInt64Array/);
    expect(() => read.numbers('v', '12')).toThrow(/got "12"/);
    expect(Array.from(read.numbers('v', new Float64Array([0.5])))).toEqual([0.5]);
  });

  it('accepts plain objects only, with known keys, and refuses prototype keys at any depth', () => {
    expect(() => read.object('o', [])).toThrow('o: expected an object, got an array of 0');
    expect(() => read.object('o', new Date())).toThrow('o: expected an object, got an object');
    expect(() => read.object('o', { a: 1, b: 2 }, { required: ['a'] })).toThrow('o.b: unknown field; known: a');
    expect(() => read.object('o', {}, { required: ['a'] })).toThrow('o.a: expected a value, got nothing (the field is missing)');
    expect(() => read.object('o', JSON.parse('{"__proto__": {"x": 1}}'))).toThrow('o.__proto__: expected no such key');
    expect(() => read.deep('', JSON.parse('{"a": [1, {"b": {"constructor": 2}}]}'))).toThrow('a[1].b.constructor: expected no such key');
    expect(() => read.deep('', { a: [{ prototype: 1 }] })).toThrow(/a\[0\]\.prototype/);
    expect(read.object('o', Object.create(null))).toEqual({});
  });

  it('refuses nesting deeper than any saved state, before it can exhaust the stack', () => {
    let nested: unknown = 1;
    for (let i = 0; i < 20000; i++) nested = [nested];
    expect(() => read.deep('s', nested)).toThrow(/^Thing\.load: s(\[0\]){64}: expected at most 64 levels of nesting, got an array of 1$/);
    let ok: unknown = 1;
    for (let i = 0; i < 64; i++) ok = { a: ok };
    expect(() => read.deep('s', ok)).not.toThrow();
  });

  it('quotes keys that are not identifiers in paths, and describes what it got briefly', () => {
    expect(read.at('state', '0')).toBe('state["0"]');
    expect(read.at('', 'lr')).toBe('lr');
    expect(read.at('a', 2)).toBe('a[2]');
    expect(describeLoaded('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`);
    expect(describeLoaded(undefined)).toBe('nothing (the field is missing)');
    expect(() => read.oneOf('mode', 'up', ['min', 'max'])).toThrow('mode: expected one of "min", "max", got "up"');
  });
});
