import { relu } from '@mlpkit/activations';
import { MlpkitError, type Tensor, ones, randn, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { Sequential } from './sequential.js';

class TwoLayer extends Module {
  fc1 = new Linear(4, 6);
  drop = new Dropout(0.5);
  fc2 = new Linear(6, 3);
  forward(x: Tensor): Tensor {
    return this.fc2.forward(this.drop.forward(relu(this.fc1.forward(x))));
  }
}

class WithBuffer extends Module {
  scale = new Parameter(ones([2]));
  declare count: Tensor;
  constructor() {
    super();
    this.registerBuffer('count', zeros([1], { dtype: 'int32' }));
    this.registerBuffer('scratch', zeros([2]), false);
  }
  forward(x: Tensor): Tensor { return x.mul(this.scale); }
}

describe('Module', () => {
  it('names parameters like PyTorch, in registration order', () => {
    const seq = new Sequential(new Linear(4, 6), relu, new Linear(6, 3));
    expect(seq.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(new TwoLayer().namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(seq.parameters().every((p) => p.requiresGrad && p instanceof Parameter)).toBe(true);
  });

  it('lists a shared parameter once', () => {
    const shared = new Linear(3, 3);
    const model = new Sequential(shared, shared);
    expect(model.parameters()).toHaveLength(2);
    expect(model.children()).toHaveLength(2);
  });

  it('switches every sub-module between train and eval', () => {
    const model = new TwoLayer();
    expect(model.eval()).toBe(model);
    expect(model.modules().every((m) => !m.training)).toBe(true);
    model.train();
    expect(model.drop.training).toBe(true);
  });

  it('zeroGrad clears every gradient', () => {
    const model = new Sequential(new Linear(4, 2));
    model.forward(randn([3, 4])).sum().backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('stateDict holds parameters and persistent buffers, sharing storage', () => {
    const m = new WithBuffer();
    const state = m.stateDict();
    expect(Object.keys(state)).toEqual(['scale', 'count']);
    expect(state.scale.requiresGrad).toBe(false);
    m.scale.data[0] = 5;
    expect(state.scale.data[0]).toBe(5);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['count', 'scratch']);
  });

  it('loadStateDict copies in place, so held references (optimizers) see the new values', () => {
    const a = new Sequential(new Linear(4, 3)), b = new Sequential(new Linear(4, 3));
    const weight = b.parameters()[0];
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.parameters()[0]).toBe(weight);
    expect([...weight.data]).toEqual([...a.parameters()[0].data]);
  });

  it('strict loading lists missing and unexpected keys and loads nothing', () => {
    const model = new Sequential(new Linear(2, 2));
    const before = [...model.parameters()[0].data];
    const state = { '0.weight': ones([2, 2]), '0.b': ones([2]) };
    expect(() => model.loadStateDict(state)).toThrow(MlpkitError);
    expect(() => model.loadStateDict(state)).toThrow(/missing keys: 0\.bias\n.*unexpected keys: 0\.b/);
    expect([...model.parameters()[0].data]).toEqual(before);
  });

  it('non-strict loading reports what it skipped', () => {
    const model = new Sequential(new Linear(2, 2));
    const result = model.loadStateDict({ '0.weight': ones([2, 2]), extra: ones([1]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ['0.bias'], unexpectedKeys: ['extra'] });
    expect([...model.parameters()[0].data]).toEqual([1, 1, 1, 1]);
  });

  it('refuses mis-shaped keys even when not strict, naming both shapes', () => {
    const model = new Sequential(new Linear(2, 2));
    expect(() => model.loadStateDict({ '0.weight': ones([2, 3]) }, { strict: false })).toThrow(
      /shape mismatch for 0\.weight: the model has \[2, 2\], the state dict \[2, 3\]/,
    );
  });

  it('asks each module which values it refuses, naming the full key and loading nothing', () => {
    class Positive extends Module {
      scale = new Parameter(ones([2]));
      forward(x: Tensor) { return x; }
      protected override refusedValues(given: (key: string) => Tensor | undefined): [string, string][] {
        return given('scale')?.data.some((v) => v <= 0) ? [['scale', 'positive values']] : [];
      }
    }
    const model = new Sequential(new Linear(1, 1), new Positive());
    const state = model.stateDict();
    const bad = { ...state, '0.weight': tensor([[7]]), '1.scale': tensor([1, -1]) };
    expect(() => model.loadStateDict(bad)).toThrow(/nothing was loaded:\n {2}1\.scale: positive values/);
    expect(model.stateDict()['0.weight'].item()).not.toBe(7);
    expect(() => model.loadStateDict({ ...bad, '1.scale': tensor([1, 2]) })).not.toThrow();
  });

  it('prints like PyTorch', () => {
    expect(new Sequential(new Linear(4, 2), relu).toString()).toBe('Sequential(\n  (0): Linear(inFeatures=4, outFeatures=2, bias=true)\n  (1): relu()\n)');
  });

  it('apply visits children before the parent', () => {
    const seen: string[] = [];
    new Sequential(new Linear(1, 1), new Dropout()).apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(['Linear', 'Dropout', 'Sequential']);
    expect(tensor([1]).shape).toEqual([1]);
  });
});
