import { type Tensor, checkTensor } from '@mlpkit/tensor';

/** Summary statistics of a tensor's values, in float64. */
export interface ValueSummary {
  mean: number;
  /** Population standard deviation (numpy's `np.std`, as in the slides' tables). */
  std: number;
  /** Largest absolute value. */
  absMax: number;
  /** Euclidean norm. */
  norm: number;
  /** Fraction of exact zeros (dead ReLUs show up here). */
  zeroFraction: number;
}

/** Mean, std, max |x|, L2 norm and zero fraction of `t`'s values. */
export function summarize(t: Tensor): ValueSummary {
  checkTensor('summarize', t);
  const d = t.data;
  const n = d.length;
  let sum = 0;
  let sq = 0;
  let absMax = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = Number(d[i]);
    sum += v;
    sq += v * v;
    const a = Math.abs(v);
    if (a > absMax || Number.isNaN(a)) absMax = a;
    if (v === 0) zeros++;
  }
  const mean = n ? sum / n : Number.NaN;
  let dev = 0;
  for (let i = 0; i < n; i++) dev += (Number(d[i]) - mean) ** 2;
  return { mean, std: n ? Math.sqrt(dev / n) : Number.NaN, absMax, norm: Math.sqrt(sq), zeroFraction: n ? zeros / n : Number.NaN };
}
