import * as T from '@mlpkit/tensor';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf, numbered } from './helpers.js';

type Binary = (a: T.Tensor, b: T.Tensor) => T.Tensor;

/** Runs `fn` on the case's inputs and returns its single `output`. */
function single(fn: (x: Record<string, T.Tensor>, p: Record<string, any>) => T.Tensor) {
  return (c: FixtureCase): CaseOutcome => {
    const leaves = leavesOf(c);
    return { outputs: { output: fn(leaves, c.params) }, leaves };
  };
}

const binary = (fn: Binary) => single((x) => fn(x.input, x.other));
const unary = (fn: (x: T.Tensor) => T.Tensor) => single((x) => fn(x.input));
const reduce = (fn: (x: T.Tensor, dim: number | number[] | null, keepdim: boolean) => T.Tensor) =>
  single((x, p) => fn(x.input, p.dim, p.keepdim ?? false));
const variance = (fn: typeof T.variance) =>
  single((x, p) => fn(x.input, { dim: p.dim, keepdim: p.keepdim, unbiased: p.unbiased }));

function extreme(fn: typeof T.max) {
  return (c: FixtureCase): CaseOutcome => {
    const leaves = leavesOf(c);
    if (c.params.dim === null || c.params.dim === undefined) return { outputs: { output: fn(leaves.input) }, leaves };
    const { values, indices } = fn(leaves.input, c.params.dim, c.params.keepdim ?? false);
    return { outputs: { values, indices }, leaves };
  };
}

/** Every op of fixtures/pytorch/ops.json, by its `op` and PyTorch-named `params`. */
export const opsHandlers: HandlerTable = {
  add: binary(T.add), sub: binary(T.sub), mul: binary(T.mul), div: binary(T.div), pow: binary(T.pow),
  maximum: binary(T.maximum), minimum: binary(T.minimum),
  pow_scalar: single((x, p) => T.pow(x.input, p.exponent)),
  exp: unary(T.exp), log: unary(T.log), sqrt: unary(T.sqrt), abs: unary(T.abs), neg: unary(T.neg),
  clamp: single((x, p) => T.clamp(x.input, p.min, p.max)),
  sum: reduce(T.sum), mean: reduce(T.mean), logsumexp: reduce(T.logsumexp), amax: reduce(T.amax), amin: reduce(T.amin),
  argmax: reduce((x, d, k) => T.argmax(x, d as number | null, k)),
  argmin: reduce((x, d, k) => T.argmin(x, d as number | null, k)),
  var: variance(T.variance), std: variance(T.std),
  max: extreme(T.max), min: extreme(T.min),
  matmul: binary(T.matmul),
  transpose: single((x, p) => T.transpose(x.input, p.dim0, p.dim1)),
  permute: single((x, p) => T.permute(x.input, p.dims)),
  reshape: single((x, p) => T.reshape(x.input, p.shape)),
  concat: single((x, p) => T.concat(numbered(x, 'tensors_'), p.dim)),
  stack: single((x, p) => T.stack(numbered(x, 'tensors_'), p.dim)),
  slice: single((x, p) => T.slice(x.input, p.slices)),
  index_select: single((x, p) => T.indexSelect(x.input, p.dim, x.index)),
  gather: single((x, p) => T.gather(x.input, p.dim, x.index)),
  where: single((x) => T.where(x.condition, x.input, x.other)),
  one_hot: single((x, p) => T.oneHot(x.input, p.num_classes)),
};
