import { customOp } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, allocate, checkTensor, formatShape, fromTypedArray } from '@mlpkit/tensor';
import { Module } from './module.js';

/**
 * The maximum over consecutive groups of `k` features in the last dim (Goodfellow et al. 2013):
 * output[..., u] = max_j input[..., u·k + j]. The gradient goes to the arg-max of each group
 * (the first one on ties).
 */
export function maxout(input: Tensor, k: number): Tensor {
  checkTensor('maxout', input);
  const last = input.shape[input.ndim - 1];
  if (!Number.isInteger(k) || k < 1) throw new MlpkitError('maxout', `k must be a positive integer, got ${k}`);
  if (input.ndim < 1 || last % k !== 0)
    throw new MlpkitError('maxout', `the last dim (${last ?? 'none'}) must be a multiple of k = ${k}, got input shape ${formatShape(input.shape)}`);
  const groups = input.size / k;
  const winners = new Int32Array(groups);
  const outShape = [...input.shape.slice(0, -1), last / k];
  const forward = () => {
    const out = allocate(input.dtype === 'float64' ? 'float64' : 'float32', groups);
    const x = input.data;
    for (let gi = 0; gi < groups; gi++) {
      let best = gi * k;
      for (let j = best + 1; j < (gi + 1) * k; j++) if (x[j] > x[best]) best = j;
      winners[gi] = best;
      out[gi] = x[best];
    }
    return fromTypedArray(out, outShape);
  };
  return customOp('maxout', [input], forward, (grad) => {
    const dx = allocate(grad.dtype, input.size);
    for (let gi = 0; gi < groups; gi++) dx[winners[gi]] += grad.data[gi];
    return [fromTypedArray(dx, input.shape)];
  });
}

/**
 * Maxout units as a layer: `units` outputs, each the max of `k` consecutive input features, so it
 * expects units·k input features (put a Linear(in, units·k) before it).
 *
 * @example
 * new Sequential(new Linear(4, 3 * 2), new Maxout(3, 2)); // 4 → 3
 */
export class Maxout extends Module {
  constructor(readonly units: number, readonly k: number) {
    super();
    if (!Number.isInteger(units) || units < 1 || !Number.isInteger(k) || k < 1)
      throw new MlpkitError('Maxout', `units and k must be positive integers, got units ${units} and k ${k}`);
  }

  forward(input: Tensor): Tensor {
    checkTensor('Maxout', input);
    if (input.shape[input.ndim - 1] !== this.units * this.k)
      throw new MlpkitError('Maxout', `${this.toString()} expects ${this.units * this.k} features in the last dim, got input shape ${formatShape(input.shape)}`);
    return maxout(input, this.k);
  }

  override extraRepr(): string {
    return `units=${this.units}, k=${this.k}`;
  }
}
