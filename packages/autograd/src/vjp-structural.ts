import {
  type Tensor, cast, div, eq, expand, gather, isFloating, matmulTransposed, mul, permute, reshape, run, slice, sum,
} from '@mlpkit/tensor';
import type { VjpTable } from './vjp-rule.js';

/** The gradient of a reduction in the input's shape: g re-expanded over the reduced dims. */
function unreduce(g: Tensor, x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  return expand(keepdim ? g : reshape(g, kept), x.shape);
}

/** amax/amin share the gradient evenly between tied extremes. */
function extremeRule(g: Tensor, [x]: readonly Tensor[], { dims }: { dims: number[]; keepdim: boolean }, out: Tensor) {
  const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const mask = cast(eq(x, reshape(out, kept)), x.dtype);
  return [mul(unreduce(div(reshape(g, kept), sum(mask, dims, true)), x, dims, true), mask)];
}

/** An index along `dim` laid out in the shape `like` (for scattering gradients of indexSelect). */
function spreadIndex(index: Tensor, dim: number, like: readonly number[]): Tensor {
  const shape = like.map((_, i) => (i === dim ? index.size : 1));
  return expand(reshape(index, shape), like);
}

/** Gradients of reductions, matmul and every movement or indexing primitive. */
export const structuralRules: VjpTable<
  'sum' | 'amax' | 'amin' | 'argmax' | 'argmin' | 'matmul' | 'reshape' | 'permute' | 'expand' | 'slice' | 'sliceScatter'
  | 'concat' | 'indexSelect' | 'gather' | 'scatterAdd' | 'cast'
> = {
  sum: (g, [x], { dims, keepdim }) => [unreduce(g, x, dims, keepdim)],
  amax: extremeRule,
  amin: extremeRule,
  argmax: () => [null],
  argmin: () => [null],
  // C = op(A)·op(B): dA and dB are products of g with the other operand, transposed to match.
  matmul: (g, [a, b], { transA, transB }, _out, needs) => [
    needs[0] ? (transA ? matmulTransposed(b, g, transB, true) : matmulTransposed(g, b, false, !transB)) : null,
    needs[1] ? (transB ? matmulTransposed(g, a, true, transA) : matmulTransposed(a, g, !transA, false)) : null,
  ],
  reshape: (g, [x]) => [reshape(g, x.shape)],
  permute: (g, _x, { dims }) => {
    const inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => { inverse[d] = i; });
    return [permute(g, inverse)];
  },
  expand: (g) => [g], // the walker sums broadcast dims back
  slice: (g, [x], { starts, ends, steps }) => [run('sliceScatter', [g], { starts, ends, steps, shape: [...x.shape] })],
  sliceScatter: (g, [src], { starts, steps }) =>
    [slice(g, starts.map((s, d) => [s, s + src.shape[d] * steps[d], steps[d]] as const))],
  concat: (g, inputs, { dim }) => {
    let at = 0;
    return inputs.map((t) => {
      const ranges = g.shape.map((_, d) => (d === dim ? ([at, at + t.shape[dim]] as const) : null));
      at += t.shape[dim];
      return slice(g, ranges);
    });
  },
  indexSelect: (g, [x, index], { dim }) =>
    [run('scatterAdd', [g, spreadIndex(index, dim, g.shape)], { dim, shape: [...x.shape] }), null],
  gather: (g, [x, index], { dim }) => [run('scatterAdd', [g, index], { dim, shape: [...x.shape] }), null],
  scatterAdd: (g, [, index], { dim }) => [gather(g, dim, index), null],
  cast: (g, [x]) => [isFloating(x.dtype) ? cast(g, x.dtype) : null],
};
