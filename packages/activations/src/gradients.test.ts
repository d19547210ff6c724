import { gradcheck } from '@mlpkit/autograd';
import { type Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as A from './index.js';

// Points away from every kink (0, ±1, ±3, 6) so that f' is the one true derivative there.
const points = [-4.2, -2.5, -1.3, -0.7, -0.2, 0.3, 0.9, 1.7, 2.6, 4.4, 7.1, -8];

/** Each activation as a function and as a layer, with the options it is checked at. */
const cases: [string, (x: Tensor) => Tensor, A.Activation][] = [
  ['sigmoid', A.sigmoid, new A.Sigmoid()],
  ['tanh', A.tanh, new A.Tanh()],
  ['relu', A.relu, new A.ReLU()],
  ['leakyRelu 0.2', (x) => A.leakyRelu(x, 0.2), new A.LeakyReLU(0.2)],
  ['elu 0.5', (x) => A.elu(x, 0.5), new A.ELU(0.5)],
  ['selu', A.selu, new A.SELU()],
  ['celu 2', (x) => A.celu(x, 2), new A.CELU(2)],
  ['softplus beta 2 threshold 5', (x) => A.softplus(x, 2, 5), new A.Softplus(2, 5)],
  ['silu', A.silu, new A.SiLU()],
  ['gelu', A.gelu, new A.GELU()],
  ['gelu tanh', (x) => A.gelu(x, 'tanh'), new A.GELU('tanh')],
  ['mish', A.mish, new A.Mish()],
  ['hardsigmoid', A.hardsigmoid, new A.Hardsigmoid()],
  ['hardswish', A.hardswish, new A.Hardswish()],
  ['softsign', A.softsign, new A.Softsign()],
  ['hardtanh -2 2', (x) => A.hardtanh(x, -2, 2), new A.Hardtanh(-2, 2)],
  ['relu6', A.relu6, new A.ReLU6()],
  ['logsigmoid', A.logsigmoid, new A.LogSigmoid()],
  ['softmax', A.softmax, new A.Softmax()],
  ['logSoftmax', A.logSoftmax, new A.LogSoftmax()],
];

describe.each(cases)('%s', (_name, fn, layer) => {
  it("has a backward that matches finite differences (its f' is right)", () => {
    const x = tensor(points, { dtype: 'float64', shape: [3, 4] });
    expect(gradcheck(fn, [x], { eps: 1e-6, atol: 1e-7, rtol: 1e-5 }).ok).toBe(true);
  });

  it('keeps float64 float64 and float32 float32, and makes integers float32', () => {
    expect(fn(tensor(points, { dtype: 'float64' })).dtype).toBe('float64');
    expect(fn(tensor(points)).dtype).toBe('float32');
    expect(fn(tensor([1, -2, 3], { dtype: 'int32' })).dtype).toBe('float32');
  });

  it('works as a layer with forward(x), giving the function\'s values', () => {
    const x = tensor(points, { shape: [2, 6] });
    expect(Array.from(layer.forward(x).data)).toEqual(Array.from(fn(x).data));
    expect(String(layer)).toMatch(/^[A-Za-z0-9]+\(.*\)$/);
  });
});
