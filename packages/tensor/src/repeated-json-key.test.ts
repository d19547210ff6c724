import { describe, expect, it } from 'vitest';
import { repeatedJsonKey } from './repeated-json-key.js';

describe('repeatedJsonKey', () => {
  it('finds a key an object holds twice, at any depth, as JSON.parse reads keys', () => {
    expect(repeatedJsonKey('{"lr": 0.1, "lr": 10}')).toBe('lr');
    expect(repeatedJsonKey('{"a": [{"x": 1}, {"b": {"c": 1, "d": [1, "c"], "c": 2}}]}')).toBe('c');
    expect(repeatedJsonKey('{"a": 1, "\\u0061": 2}')).toBe('a');
    expect(repeatedJsonKey('{"w\\"": {}, "w\\"": {}}')).toBe('w"');
  });

  it('accepts equal keys in different objects, strings that look like keys, and empty containers', () => {
    expect(repeatedJsonKey('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}')).toBeNull();
    expect(repeatedJsonKey('{"a": "a", "b": ["a", "a"], "c": {}, "d": [], "e": {"x": [{}, []]}}')).toBeNull();
    expect(repeatedJsonKey('{"a": "\\\\", "b": "\\"a\\": 1, \\"a\\""}')).toBeNull();
    expect(repeatedJsonKey('[1, {"a": 1}, {"a": 2}]')).toBeNull();
  });
});
