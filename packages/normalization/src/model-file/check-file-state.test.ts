import { Linear, Module, Sequential, saveSafetensors } from '@mlpkit/nn';
import { type Tensor, randn, zeros } from '@mlpkit/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchNorm1d } from '../layers/batch-norm-1d.js';
import { loadModel } from './load-model.js';
import { registerModule } from './module-registry.js';
import { saveModel } from './save-model.js';

const file = (tensors: Record<string, Tensor>, model: unknown) =>
  saveSafetensors(tensors, { 'mlpkit.architecture': JSON.stringify({ format: 'mlpkit.architecture', version: 1, model }) });
const linear = (inFeatures: number, outFeatures: number) => ({ type: 'Linear', options: { inFeatures, outFeatures } });

describe('loadModel checks the file holds the weights before building', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a header asking for big layers the file has no tensors for, without initialising any', () => {
    const init = vi.spyOn(Linear.prototype, 'resetParameters');
    expect(() => loadModel(file({}, linear(8192, 8192)))).toThrow(
      'loadModel: the weights do not fit the saved architecture: architecture.model (Linear): the file has no tensor "weight"; nothing was built',
    );
    const forty = { type: 'Sequential', layers: Array.from({ length: 40 }, () => linear(256, 256)) };
    expect(() => loadModel(file({ '0.weight': zeros([256, 256]), '0.bias': zeros([256]) }, forty))).toThrow(
      'architecture.model.layers[1] (Linear): the file has no tensor "1.weight"',
    );
    expect(init).not.toHaveBeenCalled();
  });

  it('refuses a tensor of the wrong shape or dtype by its name, before building', () => {
    const init = vi.spyOn(Linear.prototype, 'resetParameters');
    expect(() => loadModel(file({ weight: zeros([3, 3]), bias: zeros([3]) }, linear(2, 3)))).toThrow(
      'the module needs "weight" of shape [3, 2], the file has [3, 3]',
    );
    const f64 = { weight: zeros([3, 2], { dtype: 'float64' }), bias: zeros([3], { dtype: 'float64' }) };
    expect(() => loadModel(file(f64, linear(2, 3)))).toThrow('the module needs "weight" as float32, the file has float64');
    expect(init).not.toHaveBeenCalled();
    // float32 into a float64 model is exact, as loadStateDict allows.
    const wide = loadModel(file({ weight: zeros([3, 2]), bias: zeros([3]) }, { type: 'Linear', options: { inFeatures: 2, outFeatures: 3, dtype: 'float64' } }));
    expect((wide.model as Linear).weight.dtype).toBe('float64');
  });

  it('still loads BatchNorm1d buffers saved under their older names', () => {
    const bn = new BatchNorm1d(3);
    bn.forward(randn([4, 3]));
    const renamed = Object.fromEntries(Object.entries(bn.stateDict()).map(([k, t]) => [k.replace('running_mean', 'runningMean'), t]));
    const { model } = loadModel(file(renamed, { type: 'BatchNorm1d', options: { numFeatures: 3 } }));
    expect(Array.from((model as BatchNorm1d).runningMean!.data)).toEqual(Array.from(bn.runningMean!.data));
  });

  it('counts a module of a type without a state against the values the file has left', () => {
    class Wide extends Module {
      fc: Linear;
      constructor(readonly width: number) { super(); this.fc = new Linear(width, width); }
      forward(x: Tensor) { return this.fc.forward(x); }
    }
    registerModule({ type: 'CheckStateWide', module: Wide, options: { width: 'integer' }, required: ['width'], config: (m) => ({ width: m.width }), create: (o) => new Wide(o.width as number) });
    const bytes = saveModel(new Sequential(new Wide(2)));
    expect(loadModel(bytes).model.toString()).toContain('Wide');
    const layers = [{ type: 'CheckStateWide', options: { width: 2 } }, { type: 'CheckStateWide', options: { width: 3 } }];
    expect(() => loadModel(file({ '0.fc.weight': zeros([2, 2]), '0.fc.bias': zeros([2]) }, { type: 'Sequential', layers }))).toThrow(
      'architecture.model.layers[1] (CheckStateWide) holds 12 values, but the file has only 0 left for it',
    );
  });
});
