import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { elu, leakyRelu, prelu, relu, sigmoid, softplus, swish, tanh } from './index.js';

// 1-mlp-insight: every activation applied to data = [1, 5, -4, 3, -2], printed to 3 decimals.
const data = tensor([1, 5, -4, 3, -2]);
const values = (t: ReturnType<typeof tensor>) => Array.from(t.data);

describe('the slides\' activation values on [1, 5, -4, 3, -2]', () => {
  it.each([
    ['sigmoid', () => sigmoid(data), [0.731, 0.993, 0.018, 0.953, 0.119]],
    ['tanh', () => tanh(data), [0.762, 1.0, -0.999, 0.995, -0.964]],
    ['softplus', () => softplus(data), [1.313, 5.007, 0.018, 3.049, 0.127]],
    ['ReLU', () => relu(data), [1, 5, 0, 3, 0]],
    ['LeakyReLU (0.01)', () => leakyRelu(data, 0.01), [1, 5, -0.04, 3, -0.02]],
    ['ELU (alpha 0.1)', () => elu(data, 0.1), [1, 5, -0.098, 3, -0.086]],
    ['PReLU (alpha 0.1)', () => prelu(data, tensor([0.1])), [1, 5, -0.4, 3, -0.2]],
    ['swish', () => swish(data), [0.731, 4.967, -0.072, 2.858, -0.238]],
  ])('%s', (_name, run, expected) => {
    // The slides truncate some values (0.017, 0.95, 4.966, -0.071, 2.857); 3-decimal rounding of
    // the exact values is what is asserted here, within half a unit of the third decimal.
    values(run()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 2));
  });

  it('reproduces the slides\' printed sigmoid 0.731 and swish -0.238 exactly at 3 decimals', () => {
    expect(sigmoid(data).data[0].toFixed(3)).toBe('0.731');
    expect(swish(data).data[4].toFixed(3)).toBe('-0.238');
    expect(elu(data, 0.1).data[2].toFixed(3)).toBe('-0.098');
  });
});
