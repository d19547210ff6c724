import { ReLU, relu } from '@mlpkit/activations';
import { requiresGrad } from '@mlpkit/autograd';
import { Generator, MlpkitError, ones, randn, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout, dropout, dropoutWithMask } from './dropout.js';
import { Flatten } from './flatten.js';
import { Identity } from './identity.js';
import { Linear } from './linear.js';
import { Maxout } from './maxout.js';
import { PReLU } from './prelu.js';
import { Lambda } from './lambda.js';
import { Sequential } from './sequential.js';

describe('Dropout', () => {
  it('zeroes about p of the elements and scales the rest by 1/(1 − p)', () => {
    const y = new Dropout(0.2, { generator: new Generator(0) }).forward(ones([100_000]));
    const kept = y.data.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.8)]));
    expect(kept.length / 100_000).toBeCloseTo(0.8, 2);
  });

  it('is the identity in eval mode and reproducible with a seed in training', () => {
    const x = randn([4, 5]);
    const layer = new Dropout(0.5);
    expect(layer.eval().forward(x)).toBe(x);
    const a = dropout(x, { generator: new Generator(3) }), b = dropout(x, { generator: new Generator(3) });
    expect([...a.data]).toEqual([...b.data]);
  });

  it('masks and scales the gradient like the output', () => {
    const x = requiresGrad(tensor([1, 2, 3, 4]));
    dropoutWithMask(x, tensor([1, 0, 1, 0]), 0.5).sum().backward();
    expect([...x.grad!.data]).toEqual([2, 0, 2, 0]);
    expect([...dropoutWithMask(tensor([1, 2]), tensor([1, 1]), 1).data]).toEqual([0, 0]);
  });

  it('refuses p outside [0, 1] and a mask of another shape', () => {
    expect(() => new Dropout(1.5)).toThrow(/Dropout: dropout probability p must be in \[0, 1\], got 1.5/);
    expect(() => dropoutWithMask(ones([2, 2]), ones([4]), 0.5)).toThrow(/mask shape \[4\] differs from input shape \[2, 2\]/);
  });

  it('refuses unknown options', () => {
    expect(() => dropout(ones([2]), { rate: 0.1 } as object)).toThrow("dropout: unknown option 'rate'");
    expect(() => new Dropout(0.5, { seed: 1 } as object)).toThrow("Dropout: unknown option 'seed'");
  });
});

describe('Maxout', () => {
  it('takes the max of each group of k and sends the gradient to it', () => {
    const x = requiresGrad(tensor([[1, 5, -2, -3, 0, 7]]));
    const y = new Maxout(2, 3).forward(x);
    expect(y.tolist()).toEqual([[5, 7]]);
    y.backward(tensor([[10, 20]]));
    expect(x.grad!.tolist()).toEqual([[0, 10, 0, 0, 0, 20]]);
  });

  it('refuses an input whose last dim is not units·k', () => {
    expect(() => new Maxout(3, 2).forward(ones([4, 5]))).toThrow(/Maxout: Maxout\(units=3, k=2\) expects 6 features in the last dim, got input shape \[4, 5\]/);
  });
});

describe('Sequential with functions and forward-only layers', () => {
  it('chains Modules, objects with forward(x) and plain functions', () => {
    const model = new Sequential(new Flatten(), new Linear(6, 4), new ReLU(), relu, (x) => x.mul(2), new Identity());
    expect(model.length).toBe(6);
    expect(model.at(2)).toBeInstanceOf(Lambda);
    expect(model.forward(randn([3, 2, 3])).shape).toEqual([3, 4]);
    expect(model.at(2).toString()).toBe('ReLU()');
    expect([...model].length).toBe(6);
  });

  it('refuses something that is not a layer', () => {
    expect(() => new Sequential(42 as never)).toThrow(/Sequential: layer 0 must be a Module, an object with forward\(x\) or a function, got 42/);
    expect(() => new Sequential().at(0)).toThrow(MlpkitError);
  });
});

describe('PReLU', () => {
  it('learns its slope: a Parameter initialized to 0.25 that receives a gradient', () => {
    const layer = new PReLU();
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight']);
    const y = layer.forward(tensor([1, 5, -4, 3, -2]));
    expect([...y.data]).toEqual([1, 5, -1, 3, -0.5]);
    y.sum().backward();
    expect([...layer.weight.grad!.data]).toEqual([-6]);
  });

  it('holds one slope per channel', () => {
    const layer = new PReLU(3, 0.1);
    expect(layer.forward(tensor([[-1, -2, -3]])).tolist()).toEqual([[-0.1, -0.2, -0.3].map(Math.fround)]);
  });

  it('refuses an unknown option', () => {
    expect(() => new PReLU(1, 0.25, { dtyp: 'float64' } as object)).toThrow("PReLU: unknown option 'dtyp'");
  });
});
