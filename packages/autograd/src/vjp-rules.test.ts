import { type Primitive, type PrimitiveParams, type Tensor, Generator, isFloating, rand, run, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { gradcheck } from './gradcheck.js';
import { numericJacobian } from './numeric-jacobian.js';
import { requiresGrad } from './requires-grad.js';
import { vjpRules } from './vjp-rules.js';

/**
 * One float64 test point per primitive: the differentiable inputs and the function that runs
 * the primitive itself (not a composite) on them; index and condition tensors are closed over.
 * Inputs sit away from kinks, jumps and ties so central differences are exact enough.
 */
interface VjpCase {
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor;
}

const g = new Generator(18);
/** Uniform float64 values in [lo, hi). */
const uniform = (shape: number[], lo: number, hi: number): Tensor => rand(shape, { dtype: 'float64', generator: g }).mul(hi - lo).add(lo);
const f64 = (data: number[], shape?: number[]) => tensor(data, { dtype: 'float64', shape });
const i32 = (data: number[], shape?: number[]) => tensor(data, { dtype: 'int32', shape });
const none = {} as Record<string, never>;

/** A primitive with parameters, called through the one dispatch point. */
const prim = <P extends Primitive>(op: P, params: PrimitiveParams[P], ...closed: [number, Tensor][]) =>
  (...xs: Tensor[]): Tensor => {
    const inputs = [...xs];
    for (const [at, t] of closed) inputs.splice(at, 0, t);
    return run(op, inputs, params);
  };

const unary = (op: Primitive, lo = -2, hi = 2): VjpCase => ({ inputs: () => [uniform([2, 3], lo, hi)], fn: prim(op, none as never) });
// Values strictly between integers and half-integers, where floor, ceil, round and sign are flat.
const flat = (op: Primitive): VjpCase => ({ inputs: () => [f64([-1.7, -0.3, 0.2, 1.3, 2.8, -2.2], [2, 3])], fn: prim(op, none as never) });
// Broadcast [2, 3] with [3] so the walker's un-broadcast is exercised too.
const binary = (op: Primitive, lo = -2, hi = 2): VjpCase => ({ inputs: () => [uniform([2, 3], lo, hi), uniform([3], lo, hi)], fn: prim(op, none as never) });
// Comparisons are flat away from ties: both operands are drawn from disjoint-enough values.
const compare = (op: Primitive): VjpCase => ({ inputs: () => [f64([0.1, 0.9, -0.4, 1.5, -1.2, 0.7], [2, 3]), f64([0.5, 0.2, -0.1])], fn: prim(op, none as never) });
const reduce = (op: 'sum' | 'amax' | 'amin', dims: number[], keepdim: boolean): VjpCase =>
  ({ inputs: () => [f64([0.3, -1.1, 2.4, 0.8, 1.9, -0.6], [2, 3])], fn: prim(op, { dims, keepdim }) });
const arg = (op: 'argmax' | 'argmin'): VjpCase => ({ inputs: () => [f64([0.3, -1.1, 2.4, 0.8, 1.9, -0.6], [2, 3])], fn: prim(op, { dim: 1, keepdim: false }) });

const cases: Record<string, VjpCase[]> = {
  neg: [unary('neg')], exp: [unary('exp')], log: [unary('log', 0.5, 3)], sqrt: [unary('sqrt', 0.5, 3)],
  abs: [{ inputs: () => [f64([-1.5, -0.4, 0.3, 2, -2.5, 0.8])], fn: prim('abs', none) }],
  sign: [flat('sign')], floor: [flat('floor')], ceil: [flat('ceil')], round: [flat('round')],
  tanh: [unary('tanh')], sigmoid: [unary('sigmoid', -4, 4)], sin: [unary('sin', -3, 3)], cos: [unary('cos', -3, 3)],
  erf: [unary('erf')], expm1: [unary('expm1')], log1p: [unary('log1p', -0.5, 3)],
  reciprocal: [unary('reciprocal', 0.5, 2), unary('reciprocal', -2, -0.5)],
  clamp: [
    { inputs: () => [f64([-1.5, -0.2, 0.3, 0.9, 2, -0.7])], fn: prim('clamp', { min: -0.5, max: 0.5 }) },
    { inputs: () => [f64([-1.5, -0.2, 0.3])], fn: prim('clamp', { min: null, max: 0 }) },
    { inputs: () => [f64([-1.5, -0.2, 0.3])], fn: prim('clamp', { min: 0, max: null }) },
  ],
  add: [binary('add')], sub: [binary('sub')], mul: [binary('mul')],
  div: [{ inputs: () => [uniform([2, 3], -2, 2), uniform([3], 0.5, 2)], fn: prim('div', none) }],
  pow: [{ inputs: () => [uniform([2, 3], 0.5, 2), uniform([3], -1.5, 1.5)], fn: prim('pow', none) }],
  maximum: [compare('maximum')], minimum: [compare('minimum')],
  eq: [compare('eq')], ne: [compare('ne')], lt: [compare('lt')], le: [compare('le')], gt: [compare('gt')], ge: [compare('ge')],
  where: [{ inputs: () => [uniform([2, 3], -1, 1), uniform([3], -1, 1)], fn: prim('where', none, [0, tensor([[true, false, true], [false, false, true]])]) }],
  sum: [reduce('sum', [1], false), reduce('sum', [0, 1], true)],
  amax: [reduce('amax', [1], false), reduce('amax', [0, 1], false)],
  amin: [reduce('amin', [0], true)],
  argmax: [arg('argmax')], argmin: [arg('argmin')],
  matmul: [false, true].flatMap((transA) => [false, true].map((transB): VjpCase => ({
    inputs: () => [uniform(transA ? [3, 2] : [2, 3], -1, 1), uniform(transB ? [4, 3] : [3, 4], -1, 1)],
    fn: prim('matmul', { transA, transB }),
  }))).concat([{ inputs: () => [uniform([2, 2, 3], -1, 1), uniform([3, 2], -1, 1)], fn: prim('matmul', { transA: false, transB: false }) }]),
  reshape: [{ inputs: () => [uniform([2, 3], -1, 1)], fn: prim('reshape', { shape: [3, 2] }) }],
  permute: [{ inputs: () => [uniform([2, 3, 2], -1, 1)], fn: prim('permute', { dims: [2, 0, 1] }) }],
  expand: [{ inputs: () => [uniform([2, 1], -1, 1)], fn: prim('expand', { shape: [3, 2, 4] }) }],
  slice: [{ inputs: () => [uniform([4, 5], -1, 1)], fn: prim('slice', { starts: [1, 0], ends: [4, 5], steps: [1, 2] }) }],
  sliceScatter: [{ inputs: () => [uniform([3, 3], -1, 1)], fn: prim('sliceScatter', { starts: [1, 0], ends: [4, 5], steps: [1, 2], shape: [4, 5] }) }],
  concat: [{ inputs: () => [uniform([2, 3], -1, 1), uniform([1, 3], -1, 1)], fn: prim('concat', { dim: 0 }) }],
  indexSelect: [{ inputs: () => [uniform([3, 2], -1, 1)], fn: prim('indexSelect', { dim: 0 }, [1, i32([2, 0, 2])]) }],
  gather: [{ inputs: () => [uniform([2, 3], -1, 1)], fn: prim('gather', { dim: 1 }, [1, i32([0, 0, 2, 1], [2, 2])]) }],
  scatterAdd: [{ inputs: () => [uniform([2, 2], -1, 1)], fn: prim('scatterAdd', { dim: 1, shape: [2, 3] }, [1, i32([0, 0, 2, 1], [2, 2])]) }],
  cast: [{ inputs: () => [uniform([2, 3], -1, 1)], fn: prim('cast', { dtype: 'float64' }) }],
};

/** Whether every gradient the rule gives is absent or all zeros. */
function allZero(grads: readonly (Tensor | null)[]): boolean {
  return grads.every((t) => t === null || t.data.every((v) => v === 0));
}

describe('every rule of the VJP table agrees with finite differences in float64', () => {
  // Iterating the table's own keys: a new primitive fails here until it has a test point.
  const primitives = Object.keys(vjpRules) as Primitive[];

  it('covers every primitive and nothing else', () => {
    expect(primitives.filter((op) => !(op in cases))).toEqual([]);
    expect(Object.keys(cases).filter((op) => !(op in vjpRules))).toEqual([]);
  });

  it.each(primitives)('%s', (op) => {
    const list = cases[op];
    expect(list, `primitive '${op}' has no test input in vjp-rules.test.ts`).toBeDefined();
    for (const c of list) {
      const inputs = c.inputs();
      const out = c.fn(...inputs);
      if (isFloating(out.dtype)) {
        expect(out.dtype).toBe('float64');
        expect(gradcheck(c.fn, inputs).ok).toBe(true);
        continue;
      }
      // Integer or bool outputs have no gradient: the rule must give none, and the numeric
      // Jacobian must indeed be zero at this point.
      const leaves = inputs.map((x) => requiresGrad(x.detach()));
      const y = c.fn(...leaves);
      const rule = vjpRules[op] as (...args: unknown[]) => readonly (Tensor | null)[];
      expect(allZero(rule(y.detach(), leaves, paramsOf(op), y, leaves.map(() => true)))).toBe(true);
      expect(numericJacobian(c.fn, inputs).every((j) => j.every((v) => v === 0))).toBe(true);
    }
  });
});

/** The parameters the integer-valued cases above were run with. */
function paramsOf(op: Primitive): unknown {
  return op === 'argmax' || op === 'argmin' ? { dim: 1, keepdim: false } : {};
}
