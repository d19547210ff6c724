import {
  type BinaryPrimitive, type ComparePrimitive, type UnaryPrimitive, add, cos, div, eq, exp, ge, gt, le, log, lt, mul,
  neg, pow, sign, sin, sub, where,
} from '@mlpkit/tensor';
import type { VjpTable } from './vjp-rule.js';

const none = () => [null] as const;

/** d/dx of every elementwise primitive, each with its derivative in the comment. */
export const elementwiseRules: VjpTable<UnaryPrimitive | BinaryPrimitive | ComparePrimitive | 'clamp' | 'where'> = {
  neg: (g) => [neg(g)], // d(−x) = −1
  exp: (g, _x, _p, out) => [mul(g, out)], // d eˣ = eˣ
  log: (g, [x]) => [div(g, x)], // d ln x = 1/x
  sqrt: (g, _x, _p, out) => [div(g, mul(out, 2))], // d √x = 1/(2√x)
  abs: (g, [x]) => [mul(g, sign(x))], // d|x| = sign(x), 0 at 0
  sign: none,
  floor: none,
  ceil: none,
  round: none,
  tanh: (g, _x, _p, out) => [mul(g, sub(1, mul(out, out)))], // d tanh = 1 − tanh²
  sigmoid: (g, _x, _p, out) => [mul(g, mul(out, sub(1, out)))], // dσ = σ(1 − σ)
  sin: (g, [x]) => [mul(g, cos(x))],
  cos: (g, [x]) => [neg(mul(g, sin(x)))],
  erf: (g, [x]) => [mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI)))], // d erf = 2/√π e^(−x²)
  expm1: (g, _x, _p, out) => [mul(g, add(out, 1))],
  log1p: (g, [x]) => [div(g, add(x, 1))],
  reciprocal: (g, _x, _p, out) => [neg(mul(g, mul(out, out)))], // d(1/x) = −1/x²
  // Gradient 1 inside [min, max], bounds included (PyTorch's convention).
  clamp: (g, [x], { min, max }) => {
    let inside = g;
    if (min !== null) inside = where(ge(x, min), inside, 0);
    if (max !== null) inside = where(le(x, max), inside, 0);
    return [inside];
  },
  add: (g) => [g, g],
  sub: (g) => [g, neg(g)],
  mul: (g, [a, b], _p, _o, needs) => [needs[0] ? mul(g, b) : null, needs[1] ? mul(g, a) : null],
  // d(a/b) = 1/b da − a/b² db
  div: (g, [, b], _p, out, needs) => [needs[0] ? div(g, b) : null, needs[1] ? neg(div(mul(g, out), b)) : null],
  // d aᵇ = b aᵇ⁻¹ da + aᵇ ln a db; an exponent of 0 contributes 0 and ln 0 is taken as 0 when b ≥ 0.
  pow: (g, [a, b], _p, out, needs) => [
    needs[0] ? where(eq(b, 0), 0, mul(g, mul(b, pow(a, sub(b, 1))))) : null,
    needs[1] ? where(eq(a, 0), 0, mul(g, mul(out, log(a)))) : null,
  ],
  // Ties send half the gradient each way.
  maximum: (g, [a, b]) => {
    const half = mul(g, 0.5);
    return [where(gt(a, b), g, where(eq(a, b), half, 0)), where(lt(a, b), g, where(eq(a, b), half, 0))];
  },
  minimum: (g, [a, b]) => {
    const half = mul(g, 0.5);
    return [where(lt(a, b), g, where(eq(a, b), half, 0)), where(gt(a, b), g, where(eq(a, b), half, 0))];
  },
  eq: () => [null, null],
  ne: () => [null, null],
  lt: () => [null, null],
  le: () => [null, null],
  gt: () => [null, null],
  ge: () => [null, null],
  where: (g, [c]) => [null, where(c, g, 0), where(c, 0, g)],
};
