import { allocate, type TypedArray } from '../dtype.js';
import type { Kernel } from '../backend.js';
import type { BinaryPrimitive, ComparePrimitive, UnaryPrimitive } from '../primitives.js';
import { broadcastShapes, shapesEqual } from '../shape.js';
import { erf } from './erf.js';
import { forEachBroadcast } from './strided.js';
import { type TensorStorage, storage } from '../storage.js';

type Fn1 = (x: number) => number;
type Fn2 = (a: number, b: number) => number;

const unaryFns: Record<UnaryPrimitive, Fn1> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  tanh: Math.tanh,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  sin: Math.sin,
  cos: Math.cos,
  erf,
  expm1: Math.expm1,
  log1p: Math.log1p,
  floor: Math.floor,
  ceil: Math.ceil,
  // PyTorch rounds half to even.
  round: (x) => { const r = Math.round(x); return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r; },
  reciprocal: (x) => 1 / x,
};

const binaryFns: Record<BinaryPrimitive | ComparePrimitive, Fn2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // NaN propagates, as in PyTorch.
  maximum: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  eq: (a, b) => +(a === b),
  ne: (a, b) => +(a !== b),
  lt: (a, b) => +(a < b),
  le: (a, b) => +(a <= b),
  gt: (a, b) => +(a > b),
  ge: (a, b) => +(a >= b),
};

export function unaryKernel(op: UnaryPrimitive): Kernel<UnaryPrimitive> {
  const fn = unaryFns[op];
  return ([x]) => {
    const src = x.data;
    const out = allocate(x.dtype, src.length);
    for (let i = 0; i < src.length; i++) out[i] = fn(src[i]);
    return storage(out, x.shape);
  };
}

export const clampKernel: Kernel<'clamp'> = ([x], { min, max }) => {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  const src = x.data;
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return storage(out, x.shape);
};

function binaryInto(fn: Fn2, a: TensorStorage, b: TensorStorage, out: TypedArray, shape: readonly number[]): void {
  const x = a.data, y = b.data;
  if (shapesEqual(a.shape, b.shape)) {
    for (let i = 0; i < out.length; i++) out[i] = fn(x[i], y[i]);
    return;
  }
  forEachBroadcast(shape, [a.shape, b.shape], (o, ia, ib, _c, n, sa, sb) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = fn(x[ia], y[ib]);
  });
}

export function binaryKernel(op: BinaryPrimitive): Kernel<BinaryPrimitive> {
  const fn = binaryFns[op];
  return ([a, b]) => {
    const shape = broadcastShapes(op, a.shape, b.shape);
    const out = allocate(a.dtype, shape.reduce((p, d) => p * d, 1));
    binaryInto(fn, a, b, out, shape);
    return storage(out, shape);
  };
}

export function compareKernel(op: ComparePrimitive): Kernel<ComparePrimitive> {
  const fn = binaryFns[op];
  return ([a, b]) => {
    const shape = broadcastShapes(op, a.shape, b.shape);
    const out = allocate('bool', shape.reduce((p, d) => p * d, 1));
    binaryInto(fn, a, b, out, shape);
    return storage(out, shape);
  };
}

export const whereKernel: Kernel<'where'> = ([cond, a, b]) => {
  const shape = broadcastShapes('where', cond.shape, a.shape, b.shape);
  const out = allocate(a.dtype, shape.reduce((p, d) => p * d, 1));
  const c = cond.data, x = a.data, y = b.data;
  forEachBroadcast(shape, [cond.shape, a.shape, b.shape], (o, ic, ia, ib, n, sc, sa, sb) => {
    for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb) out[o + i] = c[ic] ? x[ia] : y[ib];
  });
  return storage(out, shape);
};

export const castKernel: Kernel<'cast'> = ([x], { dtype }) => {
  const out = allocate(dtype, x.data.length);
  if (dtype === 'int32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
    for (let i = 0; i < out.length; i++) out[i] = Math.trunc(x.data[i]);
  } else if (dtype === 'bool') {
    for (let i = 0; i < out.length; i++) out[i] = x.data[i] !== 0 ? 1 : 0;
  } else {
    out.set(x.data);
  }
  return storage(out, x.shape);
};
