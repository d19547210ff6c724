import { MlpkitError, type Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Linear, Sequential } from './index.js';

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

  it('a Sequential passes the refusal through, and a tensor still works', () => {
    const model = new Sequential(new Linear(2, 3), new Linear(3, 1));
    refused(() => model.forward([0, 1] as unknown as Tensor), 'Sequential', 'layer 0', 'Linear: expected input to be a Tensor');
    expect(model.forward(tensor([[0, 1]])).shape).toEqual([1, 1]);
  });
});
