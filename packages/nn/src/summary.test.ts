import { relu } from '@mlpkit/activations';
import { Tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it, vi } from 'vitest';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { Module } from './module.js';
import { Sequential } from './sequential.js';
import { summary } from './summary.js';

class Counted extends Module {
  fc = new Linear(4, 3);
  constructor() {
    super();
    this.registerBuffer('seen', zeros([5]));
    this.fc.bias!.requiresGrad = false; // a frozen parameter
  }
  forward(x: Tensor) { return this.fc.forward(x); }
}

describe('summary', () => {
  it('lists each layer with its output shape and parameters, and the totals and memory', () => {
    const model = new Sequential(new Linear(784, 256), relu, new Dropout(0.2), new Linear(256, 10));
    const s = summary(model, [64, 784], { print: false });
    expect(s.layers.map((l) => [l.name, l.type, l.outputShape, l.trainableParams])).toEqual([
      ['0', 'Linear', [64, 256], 200_960], ['1', 'relu', [64, 256], 0], ['2', 'Dropout', [64, 256], 0], ['3', 'Linear', [64, 10], 2570],
    ]);
    expect([s.totalParams, s.trainableParams, s.nonTrainableParams, s.outputShape]).toEqual([203_530, 203_530, 0, [64, 10]]);
    expect(s.paramBytes).toBe(203_530 * 4);
    expect(s.activationBytes).toBe((64 * 256 * 3 + 64 * 10) * 4);
    expect(s.inputBytes).toBe(64 * 784 * 4);
    expect(s.text).toMatch(/Total params: 203,530/);
    expect(s.text).toMatch(/ {2}3: Linear +\[64, 10\] +2,570 +0/);
  });

  it('counts frozen parameters and buffers as non-trainable, nests, and leaves the model as it was', () => {
    const model = new Sequential(new Counted(), relu).train();
    const s = summary(model, [2, 4], { print: false });
    expect(s.layers.map((l) => [l.name, l.depth, l.trainableParams, l.nonTrainableParams])).toEqual([['0', 1, 12, 8], ['0.fc', 2, 12, 3], ['1', 1, 0, 0]]);
    expect([s.trainableParams, s.nonTrainableParams]).toEqual([12, 8]);
    expect(model.training).toBe(true);
    expect(Object.hasOwn(model.at(0), 'forward')).toBe(false);
  });

  it('prints by default and refuses a bad shape or option', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    summary(new Linear(2, 2), [1, 2]);
    expect(log.mock.calls[0][0]).toMatch(/^=+\nLayer \(type\) +Output shape/);
    log.mockRestore();
    expect(() => summary(new Linear(2, 2), [0, 2], { print: false })).toThrow(/summary: inputShape must be/);
    expect(() => summary(new Linear(2, 2), [1, 2], { prnt: false } as never)).toThrow("summary: unknown option 'prnt' (expected 'print')");
    expect(() => summary(new Linear(2, 2), [1, 3], { print: false })).toThrow(/Linear/);
  });
});
