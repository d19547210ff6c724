import { requiresGrad } from '@mlpkit/autograd';
import { type Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { logSoftmax, relu, sigmoid, softmax, tanh } from './index.js';

const input = [[1.5, -0.5, 0], [-3, 2, 0.25]];

/** Value and gradient (under a fixed upstream gradient) of `fn` at `input`. */
function valueAndGrad(fn: (t: Tensor) => Tensor): [unknown, unknown] {
  const t = requiresGrad(tensor(input, { dtype: 'float64' }));
  const y = fn(t);
  y.backward(tensor([[1, -2, 0.5], [3, 0.25, -1]], { dtype: 'float64' }));
  return [y.tolist(), t.grad!.tolist()];
}

function expectSame(a: [unknown, unknown], b: [unknown, unknown]): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  for (const k of [0, 1]) flat(a[k]).forEach((v, i) => expect(v).toBeCloseTo(flat(b[k])[i], 12));
}

describe('x.method() matches the activation function, value and gradient', () => {
  it.each<[string, (t: Tensor) => Tensor, (t: Tensor) => Tensor]>([
    ['sigmoid', (t) => t.sigmoid(), sigmoid],
    ['tanh', (t) => t.tanh(), tanh],
    ['relu', (t) => t.relu(), relu],
    ['softmax', (t) => t.softmax(1), (t) => softmax(t, 1)],
    ['logSoftmax', (t) => t.logSoftmax(0), (t) => logSoftmax(t, 0)],
  ])('%s', (_name, method, fn) => {
    expectSame(valueAndGrad(method), valueAndGrad(fn));
  });
});
