import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Normalize } from '../scalers/normalize.js';
import { BatchNorm1d } from './batch-norm-1d.js';
import { batchNorm } from './batch-norm-function.js';
import { LayerNorm } from './layer-norm.js';
import { layerNorm } from './layer-norm-function.js';

describe('normalization layers check their options as PyTorch would have them', () => {
  it('BatchNorm1d refuses a negative or NaN eps, a momentum outside [0, 1] and flags that are not booleans', () => {
    expect(() => new BatchNorm1d(2, { eps: -1 })).toThrow('BatchNorm1d: expected eps to be a finite number ≥ 0, got -1');
    expect(() => new BatchNorm1d(2, { eps: NaN })).toThrow('BatchNorm1d: expected eps to be a finite number ≥ 0, got NaN');
    expect(() => new BatchNorm1d(2, { momentum: 5 })).toThrow('BatchNorm1d: expected momentum to be a number in [0, 1] or null, got 5');
    expect(() => new BatchNorm1d(2, { momentum: '0.1' as never })).toThrow('got the string "0.1"');
    expect(() => new BatchNorm1d(2, { affine: 'no' as never })).toThrow('BatchNorm1d: expected affine to be true or false, got the string "no"');
    expect(() => new BatchNorm1d(2, { trackRunningStats: 0 as never })).toThrow('expected trackRunningStats to be true or false, got number 0');
    for (const momentum of [0, 1, null]) expect(new BatchNorm1d(2, { momentum }).momentum).toBe(momentum);
  });

  it('LayerNorm refuses a negative or NaN eps and flags that are not booleans', () => {
    expect(() => new LayerNorm(2, { eps: -1 })).toThrow('LayerNorm: expected eps to be a finite number ≥ 0, got -1');
    expect(() => new LayerNorm(2, { eps: NaN })).toThrow('LayerNorm: expected eps to be a finite number ≥ 0, got NaN');
    expect(() => new LayerNorm(2, { elementwiseAffine: 'no' as never })).toThrow('LayerNorm: expected elementwiseAffine to be true or false, got the string "no"');
  });

  it('the functional forms refuse the same', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(() => layerNorm(x, [2], { eps: -1 })).toThrow('layerNorm: expected eps to be a finite number ≥ 0, got -1');
    expect(() => batchNorm(x, { eps: -1e-5, training: true })).toThrow('batchNorm: expected eps to be a finite number ≥ 0, got -0.00001');
    expect(() => batchNorm(x, { momentum: -0.5, training: true })).toThrow('batchNorm: expected momentum to be a number in [0, 1], got -0.5');
  });

  it('Normalize refuses a mean or std that is not a list of finite numbers', () => {
    expect(() => new Normalize({ mean: [NaN], std: [1] })).toThrow('Normalize: mean[0]: expected a finite number, got NaN');
    expect(() => new Normalize({ mean: 0.5 as never, std: [1] })).toThrow('Normalize: mean: expected an array of finite numbers, got 0.5');
    expect(() => new Normalize({ mean: [0], std: [Infinity] })).toThrow('Normalize: std[0]: expected a finite number, got Infinity');
  });
});

describe('the norm layers and functions refuse what is not a tensor, naming themselves', () => {
  it('instead of a TypeError', () => {
    expect(() => new BatchNorm1d(2).forward(null as never)).toThrow('BatchNorm1d: expected input to be a Tensor, got null');
    expect(() => new LayerNorm(2).forward([[1, 2]] as never)).toThrow('LayerNorm: expected input to be a Tensor, got an array of length 1');
    expect(() => batchNorm(undefined as never)).toThrow('batchNorm: expected input to be a Tensor, got undefined');
    expect(() => layerNorm(3 as never, [2])).toThrow('layerNorm: expected input to be a Tensor, got number 3');
  });
});
