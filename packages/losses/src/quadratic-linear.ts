import { type Tensor, abs, mul, sub } from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';

/** The pieces of a quadratic-near-zero, linear-far-away loss; see {@link quadraticLinearPieces}. */
export interface QuadraticLinearPieces {
  /** |d|, which each loss compares with its threshold to pick a piece. */
  size: Tensor;
  /** ½·d², the piece near zero. */
  halfSquare: Tensor;
  /** |d| − ½·threshold, the piece far from zero; it meets ½·threshold² at |d| = threshold. */
  linear: Tensor;
}

/**
 * The elementwise pieces Huber and smooth-L1 losses share, over d = input − target. Smooth L1
 * (beta = threshold) divides the quadratic piece by beta; Huber (delta = threshold) multiplies
 * the linear piece by delta, which is why Huber equals delta · smooth L1 with beta = delta.
 * Each loss applies its own factor to its own piece so that neither rounds differently from
 * PyTorch's formula.
 */
export function quadraticLinearPieces(op: string, input: Tensor, target: Tensor, threshold: number): QuadraticLinearPieces {
  const [x, y] = pointwiseOperands(op, input, target);
  const d = sub(x, y);
  const size = abs(d);
  return { size, halfSquare: mul(mul(d, d), 0.5), linear: sub(size, 0.5 * threshold) };
}
