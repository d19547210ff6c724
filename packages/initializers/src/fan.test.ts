import { MlpkitError, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { calculateFanInAndFanOut } from './fan.js';
import { calculateGain } from './gain.js';

describe('calculateFanInAndFanOut', () => {
  it('reads [out, in, ...receptive field] like PyTorch', () => {
    expect(calculateFanInAndFanOut([20, 10])).toEqual({ fanIn: 10, fanOut: 20 });
    expect(calculateFanInAndFanOut(zeros([16, 8, 3, 3]))).toEqual({ fanIn: 72, fanOut: 144 });
    expect(calculateFanInAndFanOut([64, 3, 7, 7])).toEqual({ fanIn: 147, fanOut: 3136 });
  });

  it('refuses fewer than 2 dims, naming the shape', () => {
    expect(() => calculateFanInAndFanOut(zeros([5]))).toThrow(MlpkitError);
    expect(() => calculateFanInAndFanOut([5])).toThrow(/at least 2 dims, got shape \[5\]/);
  });
});

describe('calculateGain', () => {
  it('gives PyTorch\'s gains', () => {
    expect(calculateGain('linear')).toBe(1);
    expect(calculateGain('sigmoid')).toBe(1);
    expect(calculateGain('conv2d')).toBe(1);
    expect(calculateGain('tanh')).toBe(5 / 3);
    expect(calculateGain('relu')).toBe(Math.SQRT2);
    expect(calculateGain('selu')).toBe(0.75);
    expect(calculateGain('leaky_relu')).toBeCloseTo(1.4141428569978354, 15);
    expect(calculateGain('leaky_relu', 0.2)).toBeCloseTo(1.3867504905630728, 15);
    expect(calculateGain('leakyRelu', 0.2)).toBe(calculateGain('leaky_relu', 0.2));
  });

  it('refuses unknown nonlinearities and non-numeric slopes', () => {
    expect(() => calculateGain('softmax')).toThrow(/calculateGain: unsupported nonlinearity "softmax"/);
    expect(() => calculateGain('leaky_relu', Number.NaN)).toThrow(/finite number/);
  });
});
