import { MlpkitError, type Tensor, abs, add, checkTensor, describe, isFloating, mul, scalar, sum } from '@mlpkit/tensor';

function total(op: string, params: Iterable<Tensor>, term: (p: Tensor) => Tensor): Tensor {
  if (params === null || typeof params !== 'object' || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== 'function')
    throw new MlpkitError(op, `expected an iterable of parameters such as model.parameters(), got ${describe(params)}`);
  let out: Tensor | null = null;
  let i = 0;
  for (const p of params) {
    checkTensor(op, p, `parameter ${i++}`);
    if (!isFloating(p.dtype)) throw new MlpkitError(op, `expected float parameters, got dtype ${p.dtype}`);
    const s = sum(term(p));
    out = out ? add(out, s) : s;
  }
  return out ?? scalar(0);
}

/**
 * The L1 penalty Σ|w| over every element of every parameter. Add λ times it to the loss
 * (L = Σ lᵢ + λ Σ|w|, as the slides write it) to push weights to exactly 0.
 *
 * @example const loss = add(crossEntropy(logits, y), mul(l1Penalty(model.parameters()), 1e-4));
 */
export function l1Penalty(params: Iterable<Tensor>): Tensor {
  return total('l1Penalty', params, abs);
}

/**
 * The L2 penalty Σw² over every element of every parameter (no ½). Add λ times it to the
 * loss (L = Σ lᵢ + λ Σw²) to shrink weights: its gradient is 2λw, which is what an
 * optimizer's weightDecay = 2λ applies directly.
 */
export function l2Penalty(params: Iterable<Tensor>): Tensor {
  return total('l2Penalty', params, (p) => mul(p, p));
}
