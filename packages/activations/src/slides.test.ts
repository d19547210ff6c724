import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { elu, leakyRelu, prelu, relu, sigmoid, softplus, swish, tanh } from './index.js';

// 1-mlp-insight: every activation applied to data = [1, 5, -4, 3, -2]. The slide cuts digits off
// rather than rounding (σ(−4) = 0.01799 is printed 0.017, tanh(1) = 0.76159 is 0.761, softplus(5)
// = 5.00672 is 5.006), so each value is compared with the printed string after truncating ours to
// the printed number of decimals: a printed value shifted by one unit in its last digit fails.
const data = tensor([1, 5, -4, 3, -2], { dtype: 'float64' });

/** `value` cut toward zero at `printed`'s decimals (a 1e-9 nudge keeps exact decimals such as −0.04 whole). */
function asPrinted(value: number, printed: string): string {
  const decimals = printed.includes('.') ? printed.length - printed.indexOf('.') - 1 : 0;
  const scale = 10 ** decimals;
  const cut = Math.trunc(value * scale + Math.sign(value) * 1e-9) / scale;
  return (cut === 0 ? 0 : cut).toFixed(decimals);
}

describe('the slides\' activation values on [1, 5, -4, 3, -2], as printed', () => {
  it.each([
    ['sigmoid', () => sigmoid(data), ['0.731', '0.993', '0.017', '0.95', '0.119']],
    ['tanh', () => tanh(data), ['0.761', '0.999', '-0.999', '0.995', '-0.964']],
    ['softplus', () => softplus(data), ['1.313', '5.006', '0.018', '3.048', '0.126']],
    ['ReLU', () => relu(data), ['1', '5', '0', '3', '0']],
    ['LeakyReLU (0.01)', () => leakyRelu(data, 0.01), ['1', '5', '-0.04', '3', '-0.02']],
    ['ELU (alpha 0.1)', () => elu(data, 0.1), ['1', '5', '-0.098', '3', '-0.086']],
    ['PReLU (alpha 0.1)', () => prelu(data, tensor([0.1], { dtype: 'float64' })), ['1', '5', '-0.4', '3', '-0.2']],
    ['swish', () => swish(data), ['0.731', '4.966', '-0.071', '2.857', '-0.238']],
  ])('%s', (_name, run, printed) => {
    const values = Array.from(run().data as Float64Array);
    expect(values.map((v, i) => asPrinted(v, printed[i]))).toEqual(printed);
  });

  it('truncates as the slide does: rounding would give 0.018 for σ(−4) and 0.762 for tanh(1)', () => {
    expect(asPrinted(sigmoid(data).data[2], '0.017')).toBe('0.017');
    expect(sigmoid(data).data[2].toFixed(3)).toBe('0.018');
    expect(tanh(data).data[0].toFixed(3)).toBe('0.762');
    // The comparison is strict: one unit off in the last printed digit does not pass.
    expect(asPrinted(tanh(data).data[0], '0.762')).not.toBe('0.762');
  });

  it('holds in float32 too', () => {
    const f32 = tensor([1, 5, -4, 3, -2]);
    expect(Array.from(tanh(f32).data).map((v, i) => asPrinted(v, ['0.761', '0.999', '-0.999', '0.995', '-0.964'][i]))).toEqual(['0.761', '0.999', '-0.999', '0.995', '-0.964']);
  });
});
