import * as T from '@mlpkit/tensor';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';
import { leavesOf } from './helpers.js';

type Inputs = Record<string, T.Tensor>;
type Params = Record<string, any>;

/**
 * Runs `fn` on the case's inputs and returns its `output`. Where PyTorch's gradient is
 * identically 0 (sign, floor, ceil, round, an overwritten slice), mlpkit's autograd records
 * no gradient at all; that absence is read as the zeros PyTorch stores.
 */
function single(fn: (x: Inputs, p: Params) => T.Tensor) {
  return (c: FixtureCase): CaseOutcome => {
    const leaves = leavesOf(c);
    const output = fn(leaves, c.params);
    if (c.no_grad || !c.grads || !c.grad_output) return { outputs: { output }, leaves };
    output.backward(T.tensor(c.grad_output.data, { dtype: output.dtype, shape: c.grad_output.shape }));
    const grads = Object.fromEntries(Object.keys(c.grads).map((k) => [k, leaves[k].grad ?? T.zerosLike(leaves[k])]));
    return { outputs: { output }, leaves, grads };
  };
}

const unary = (fn: (x: T.Tensor) => T.Tensor) => single((x) => fn(x.input));
// A comparison takes `other` as a tensor input, or as a Python number in params.
const compare = (fn: (a: T.Tensor, b: T.Tensor | number) => T.Tensor) => single((x, p) => fn(x.input, x.other ?? p.other));
const dtypes: Record<string, T.DType> = { float32: 'float32', float64: 'float64', int32: 'int32', bool: 'bool' };

/** Every op of fixtures/pytorch/primitives.json (the primitives no other fixture reaches), by PyTorch's names. */
export const primitivesHandlers: HandlerTable = {
  sin: unary(T.sin), cos: unary(T.cos), erf: unary(T.erf), expm1: unary(T.expm1), log1p: unary(T.log1p),
  reciprocal: unary(T.reciprocal), sign: unary(T.sign), floor: unary(T.floor), ceil: unary(T.ceil), round: unary(T.round),
  eq: compare(T.eq), ne: compare(T.ne), lt: compare(T.lt), le: compare(T.le), gt: compare(T.gt), ge: compare(T.ge),
  expand: single((x, p) => T.expand(x.input, p.size)),
  slice_scatter: single((x, p) => T.sliceScatter(x.input, x.src, p.dim ?? 0, p.start ?? null, p.end ?? null, p.step ?? 1)),
  scatter_add: single((x, p) => T.scatterAdd(x.input, p.dim, x.index, x.src)),
  to: single((x, p) => {
    const dtype = dtypes[p.dtype];
    if (!dtype) throw new Error(`primitives: no mlpkit dtype for PyTorch's ${p.dtype}`);
    return T.cast(x.input, dtype);
  }),
};
