import type { DType } from './dtype.js';

/**
 * The primitive kernels every backend implements, with their parameters. Every public op is
 * either one of these or a composition of them; autograd keeps exactly one gradient rule per
 * entry, in a table the compiler checks against this interface.
 */
export interface PrimitiveParams {
  // Elementwise unary, float in, same dtype out.
  neg: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  sqrt: Record<string, never>;
  abs: Record<string, never>;
  sign: Record<string, never>;
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  sin: Record<string, never>;
  cos: Record<string, never>;
  erf: Record<string, never>;
  expm1: Record<string, never>;
  log1p: Record<string, never>;
  floor: Record<string, never>;
  ceil: Record<string, never>;
  round: Record<string, never>;
  reciprocal: Record<string, never>;
  clamp: { min: number | null; max: number | null };
  // Elementwise binary with broadcasting; both inputs share one dtype.
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  pow: Record<string, never>;
  maximum: Record<string, never>;
  minimum: Record<string, never>;
  // Comparisons with broadcasting; bool out.
  eq: Record<string, never>;
  ne: Record<string, never>;
  lt: Record<string, never>;
  le: Record<string, never>;
  gt: Record<string, never>;
  ge: Record<string, never>;
  // where(condition, input, other) with broadcasting.
  where: Record<string, never>;
  // Reductions over sorted, unique dims.
  sum: { dims: number[]; keepdim: boolean };
  amax: { dims: number[]; keepdim: boolean };
  amin: { dims: number[]; keepdim: boolean };
  argmax: { dim: number | null; keepdim: boolean };
  argmin: { dim: number | null; keepdim: boolean };
  // Batched matrix product of tensors of rank >= 2 with broadcast batch dims.
  matmul: { transA: boolean; transB: boolean };
  // Movement and indexing.
  reshape: { shape: number[] };
  permute: { dims: number[] };
  expand: { shape: number[] };
  slice: { starts: number[]; ends: number[]; steps: number[] };
  // Writes its input into zeros of `shape` at the positions a slice would read.
  sliceScatter: { starts: number[]; ends: number[]; steps: number[]; shape: number[] };
  concat: { dim: number };
  indexSelect: { dim: number };
  gather: { dim: number };
  scatterAdd: { dim: number; shape: number[] };
  cast: { dtype: DType };
}

export type Primitive = keyof PrimitiveParams;

export type UnaryPrimitive =
  | 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sign' | 'tanh' | 'sigmoid' | 'sin' | 'cos'
  | 'erf' | 'expm1' | 'log1p' | 'floor' | 'ceil' | 'round' | 'reciprocal';
export type BinaryPrimitive = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';
export type ComparePrimitive = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type ReducePrimitive = 'sum' | 'amax' | 'amin';
