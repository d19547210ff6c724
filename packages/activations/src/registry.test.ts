import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, SiLU, Softmax, activations, getActivation, prelu, relu } from './index.js';

describe('getActivation', () => {
  it('finds a layer by its PyTorch name, camelCase or class name', () => {
    expect(getActivation('relu')).toBeInstanceOf(ReLU);
    for (const name of ['leaky_relu', 'leakyRelu', 'LeakyReLU', 'leaky-relu']) expect(getActivation(name)).toBeInstanceOf(LeakyReLU);
    expect(getActivation('swish')).toBeInstanceOf(SiLU);
  });

  it('passes options on to the layer', () => {
    expect((getActivation('leaky_relu', { negativeSlope: 0.2 }) as LeakyReLU).negativeSlope).toBe(0.2);
    expect((getActivation('elu', { alpha: 0.1 }) as ELU).alpha).toBe(0.1);
    expect((getActivation('gelu', { approximate: 'tanh' }) as GELU).approximate).toBe('tanh');
    expect((getActivation('softmax', { dim: 0 }) as Softmax).dim).toBe(0);
    expect(getActivation('leaky_relu', { negativeSlope: 0.5 }).forward(tensor([-2])).tolist()).toEqual([-1]);
  });

  it('builds a working layer for every registered name', () => {
    for (const name of Object.keys(activations)) expect(getActivation(name).forward(tensor([[0.5, -0.5]])).shape).toEqual([1, 2]);
  });

  it('lists the known names when it does not know one', () => {
    expect(() => getActivation('rectifier')).toThrow(MlpkitError);
    expect(() => getActivation('rectifier')).toThrow(/unknown activation 'rectifier'; known activations: sigmoid, tanh, relu, leaky_relu/);
  });

  it('refuses an unknown option', () => {
    expect(() => getActivation('leaky_relu', { slope: 0.1 } as object)).toThrow("getActivation: unknown option 'slope'");
  });

  it('points prelu to the layer with a learnable slope', () => {
    expect(() => getActivation('PReLU')).toThrow(/PReLU from @mlpkit\/nn/);
  });
});

describe('bad hyper-parameters', () => {
  it('are refused with the op and the value', () => {
    expect(() => new LeakyReLU(Number.NaN)).toThrow(/LeakyReLU: negativeSlope must be a finite number, got NaN/);
    expect(() => getActivation('hardtanh', { minVal: 1, maxVal: -1 })).toThrow(/expected minVal < maxVal/);
    expect(() => getActivation('celu', { alpha: 0 })).toThrow(/alpha must not be 0/);
    expect(() => getActivation('softplus', { beta: 0 })).toThrow(/beta must be positive/);
    expect(() => new GELU('fast' as never)).toThrow(/approximate must be 'none' or 'tanh', got 'fast'/);
  });
});

describe('what is not a Tensor', () => {
  it('is refused by every activation, naming it, instead of a TypeError', () => {
    for (const name of Object.keys(activations)) {
      const layer = getActivation(name);
      expect(() => layer.forward(null as never), name).toThrow(MlpkitError);
      expect(() => layer.forward([1, 2] as never), name).toThrow(/expected input to be a Tensor, got an array of length 2 \(wrap plain arrays with tensor/);
    }
    expect(() => relu(undefined as never)).toThrow('relu: expected input to be a Tensor, got undefined');
    expect(() => prelu(null as never, tensor([0.25]))).toThrow('prelu: expected input to be a Tensor, got null');
  });

  it('Softmax and LogSoftmax refuse a dim that is no integer when made, not at their first forward', () => {
    expect(() => new Softmax(1.5)).toThrow('Softmax: expected dim to be an integer');
    expect(() => new LogSoftmax('1' as never)).toThrow(/^LogSoftmax: expected dim to be an integer .*got the string "1"/);
    expect(() => getActivation('softmax', { dim: Number.NaN })).toThrow(/Softmax: expected dim to be an integer .*got NaN/);
    expect(new Softmax(0).forward(tensor([1, 1])).tolist()).toEqual([0.5, 0.5]);
  });
});

