import type { Tensor } from '@mlpkit/tensor';
import type { FixtureCase, FixtureTensor } from './types.js';

export interface Tolerance {
  rtol: number;
  atol: number;
}

// Ops whose float32 results go through exp or large-magnitude tails (fixtures/README.md).
const expHeavy = new Set([
  'exp', 'logsumexp', 'softmax', 'log_softmax', 'cross_entropy', 'nll_loss', 'sigmoid', 'logsigmoid', 'silu', 'gelu',
  'mish', 'selu', 'elu', 'celu', 'softplus', 'binary_cross_entropy_with_logits', 'binary_cross_entropy', 'kl_div', 'tanh',
]);

/** The README's suggested tolerance for one expected tensor of a case. */
export function toleranceFor(c: FixtureCase, expected: FixtureTensor): Tolerance {
  if (expected.dtype === 'float64') return { rtol: 1e-9, atol: 1e-12 };
  if (c.name === 'layer_norm_large_offset') return { rtol: 1e-3, atol: 1e-3 };
  if (expHeavy.has(c.op)) return { rtol: 1e-3, atol: 1e-5 };
  return { rtol: 1e-4, atol: 1e-5 };
}

/** Why `got` differs from `want` beyond tolerance, or null when it matches. */
export function mismatch(got: Tensor | number | readonly number[], want: FixtureTensor, tol: Tolerance): string | null {
  const values = typeof got === 'number' ? [got] : Array.isArray(got) ? got : Array.from((got as Tensor).data);
  const shape = typeof got === 'number' || Array.isArray(got) ? null : (got as Tensor).shape;
  if (shape && (shape.length !== want.shape.length || shape.some((d, i) => d !== want.shape[i])))
    return `shape [${shape.join(', ')}] instead of [${want.shape.join(', ')}]`;
  if (values.length !== want.data.length) return `${values.length} values instead of ${want.data.length}`;
  const exact = want.dtype === 'int' || want.dtype === 'bool';
  let worst: string | null = null;
  let worstExcess = 0;
  for (let i = 0; i < values.length; i++) {
    const g = Number(values[i]), w = want.data[i];
    const err = Math.abs(g - w);
    const allowed = exact ? 0 : tol.atol + tol.rtol * Math.abs(w);
    if (!(err <= allowed) && (err - allowed > worstExcess || worst === null || Number.isNaN(err))) {
      worstExcess = err - allowed;
      worst = `element ${i}: got ${g}, want ${w} (|diff| ${err.toExponential(2)} > ${allowed.toExponential(2)})`;
    }
  }
  return worst;
}
