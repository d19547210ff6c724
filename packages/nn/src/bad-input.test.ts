import { Generator, MlpkitError, type Tensor, ones, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout, Lambda, Linear, Maxout, PReLU, Parameter, Sequential, dropout, dropoutWithMask, linear, maxout, predict } from './index.js';

function refused(fn: () => unknown, op: string, ...fragments: string[]): void {
  let caught: unknown;
  try { fn(); } catch (error) { caught = error; }
  expect(caught).toBeInstanceOf(MlpkitError);
  expect((caught as MlpkitError).op).toBe(op);
  for (const fragment of fragments) expect((caught as Error).message).toContain(fragment);
}

describe('layers refuse what is not a tensor', () => {
  it('Linear.forward of a plain array says to wrap it with tensor()', () => {
    refused(() => new Linear(2, 2).forward([[0, 1]] as unknown as Tensor), 'Linear', 'a Tensor', 'an array of length 1', 'tensor(');
  });

  it('Linear.forward of null, a number or an object', () => {
    const fc = new Linear(2, 2);
    refused(() => fc.forward(null as unknown as Tensor), 'Linear', 'null');
    refused(() => fc.forward(3 as unknown as Tensor), 'Linear', 'number 3');
    refused(() => fc.forward({ shape: [1, 2] } as unknown as Tensor), 'Linear', 'object');
  });

  it('a Sequential names a function layer that returns no Tensor; a Lambda refuses what cannot be called', () => {
    refused(() => new Sequential((x: Tensor) => x.shape as never, new Linear(2, 1)).forward(tensor([[0, 1]])), 'Sequential', 'layer 0 (Lambda) returned an array of length 2, expected a Tensor');
    refused(() => new Lambda(null as never), 'Lambda', 'expected a function or an object with forward(x), got null');
    refused(() => new Lambda({ forward: 1 } as never), 'Lambda', 'an object (Object)');
  });

  it('a Sequential passes the refusal through, and a tensor still works', () => {
    const model = new Sequential(new Linear(2, 3), new Linear(3, 1));
    refused(() => model.forward([0, 1] as unknown as Tensor), 'Sequential', 'layer 0', 'Linear: expected input to be a Tensor');
    expect(model.forward(tensor([[0, 1]])).shape).toEqual([1, 1]);
  });
});

describe('every layer and functional form refuses what is not a tensor, naming itself', () => {
  it('dropout, in training and in eval (which handed null back unchanged)', () => {
    refused(() => new Dropout(0.5).forward(null as never), 'dropout', 'expected input to be a Tensor, got null');
    refused(() => new Dropout(0.5).eval().forward(null as never), 'dropout', 'null');
    refused(() => dropout([1, 2] as never, { training: false }), 'dropout', 'an array of length 2');
    refused(() => dropoutWithMask(ones([2]), null as never, 0.5), 'dropout', 'expected mask to be a Tensor, got null');
  });

  it('linear, maxout, Maxout, PReLU, Parameter and predict', () => {
    refused(() => linear(null as never, ones([2, 3])), 'linear', 'expected input to be a Tensor, got null');
    refused(() => linear(ones([1, 3]), undefined as never), 'linear', 'expected weight to be a Tensor, got undefined');
    refused(() => linear(ones([1, 3]), ones([2, 3]), 5 as never), 'linear', 'expected bias to be a Tensor, got number 5');
    refused(() => maxout(null as never, 2), 'maxout', 'null');
    refused(() => new Maxout(3, 2).forward(undefined as never), 'Maxout', 'undefined');
    refused(() => new PReLU().forward(null as never), 'prelu', 'null');
    refused(() => new Parameter(null as never), 'Parameter', 'expected data to be a Tensor, got null');
    refused(() => predict(new Linear(2, 1), [[1, 2]] as never), 'predict', 'an array of length 1');
  });
});

describe('switches and generators of the wrong type', () => {
  it("train(mode) and dropout's training take only true or false, as PyTorch", () => {
    const model = new Sequential(new Linear(2, 2), new Dropout(0.5));
    refused(() => model.train('false' as never), 'Sequential', 'expected mode to be true or false, got the string "false"');
    expect(model.training).toBe(true);
    refused(() => dropout(ones([2]), { training: 'no' as never }), 'dropout', 'expected training to be true or false');
  });

  it('a generator that is not a Generator is an MlpkitError, not a TypeError from inside an initializer', () => {
    refused(() => new Linear(3, 2, { generator: 5 as never }), 'kaimingUniform_', 'expected generator to be a Generator, got number 5');
    refused(() => dropout(ones([2]), { generator: {} as never }), 'dropout', 'expected generator to be a Generator');
    expect(new Linear(3, 2, { generator: new Generator(1) }).weight.tolist()).toEqual(new Linear(3, 2, { generator: new Generator(1) }).weight.tolist());
  });

  it('PReLU refuses an init that is not a finite number (NaN would make every negative output NaN)', () => {
    refused(() => new PReLU(1, Number.NaN), 'PReLU', 'init must be a finite number, got number NaN');
    refused(() => new PReLU(1, '0.25' as never), 'PReLU', 'the string "0.25"');
    expect(new PReLU(1, -0.5).forward(tensor([-2])).tolist()).toEqual([1]);
  });
});

