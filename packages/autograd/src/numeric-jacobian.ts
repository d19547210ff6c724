import type { Tensor } from '@mlpkit/tensor';
import { noGrad } from './grad-mode.js';

/**
 * Central finite differences of `fn` at `inputs`: for each input, a Float64Array where
 * element `o * size + p` is (f(x + eps·e_p)[o] − f(x − eps·e_p)[o]) / 2eps. The inputs are
 * perturbed in place and restored.
 */
export function numericJacobian(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], eps = 1e-6): Float64Array[] {
  return inputs.map((x) => {
    let columns: Float64Array | null = null;
    for (let p = 0; p < x.size; p++) {
      const original = x.data[p];
      const evaluate = (v: number) => { x.data[p] = v; return Float64Array.from(noGrad(() => fn(...inputs)).data); };
      const plus = evaluate(original + eps);
      const minus = evaluate(original - eps);
      x.data[p] = original;
      columns ??= new Float64Array(plus.length * x.size);
      for (let o = 0; o < plus.length; o++) columns[o * x.size + p] = (plus[o] - minus[o]) / (2 * eps);
    }
    return columns ?? new Float64Array(0);
  });
}
