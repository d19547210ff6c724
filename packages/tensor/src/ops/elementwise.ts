import { run } from '../dispatch.js';
import { type DType, checkAllocation, isFloating } from '../dtype.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { MlpkitError, describe } from '../errors.js';
import type { BinaryPrimitive, ComparePrimitive, UnaryPrimitive } from '../primitives.js';
import { type Tensor, checkTensor } from '../tensor.js';
import { type TensorLike, cast, coerce } from './convert.js';

function asFloat(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : cast(x, 'float32');
}

function floatUnary(op: UnaryPrimitive) {
  return (x: Tensor): Tensor => {
    checkTensor(op, x);
    return run(op, [asFloat(x)], {});
  };
}

// Integer ops keep int32; a bool input counts as 0/1 in int32, as PyTorch's do.
function integerUnary(op: UnaryPrimitive) {
  return (x: Tensor): Tensor => {
    checkTensor(op, x);
    return run(op, [x.dtype === 'bool' ? cast(x, 'int32') : x], {});
  };
}

/** Elementwise −x. */
export const neg = integerUnary('neg');
/** Elementwise |x|. */
export const abs = integerUnary('abs');
/** Elementwise sign: −1, 0 or 1. */
export const sign = integerUnary('sign');
/** Elementwise eˣ. */
export const exp = floatUnary('exp');
/** Elementwise natural logarithm. */
export const log = floatUnary('log');
/** Elementwise square root. */
export const sqrt = floatUnary('sqrt');
/** Elementwise hyperbolic tangent. */
export const tanh = floatUnary('tanh');
/** Elementwise logistic function 1 / (1 + e⁻ˣ), computed without overflow. */
export const sigmoid = floatUnary('sigmoid');
/** Elementwise sine. */
export const sin = floatUnary('sin');
/** Elementwise cosine. */
export const cos = floatUnary('cos');
/** Elementwise error function. */
export const erf = floatUnary('erf');
/** Elementwise eˣ − 1, accurate near 0. */
export const expm1 = floatUnary('expm1');
/** Elementwise ln(1 + x), accurate near 0. */
export const log1p = floatUnary('log1p');
/** Elementwise floor. */
export const floor = floatUnary('floor');
/** Elementwise ceiling. */
export const ceil = floatUnary('ceil');
/** Elementwise rounding, half to even as in PyTorch. */
export const round = floatUnary('round');
/** Elementwise 1 / x. */
export const reciprocal = floatUnary('reciprocal');

/** Elementwise x². */
export function square(x: Tensor): Tensor {
  checkTensor('square', x);
  return mul(x, x);
}

/**
 * Clamps every element into [min, max]; either bound may be null. The gradient is 1 at the
 * bounds. When min > max every element becomes max, as in PyTorch.
 */
export function clamp(x: Tensor, min: number | null, max: number | null = null): Tensor {
  checkTensor('clamp', x);
  for (const [name, bound] of [['min', min], ['max', max]] as const)
    if (bound !== null && bound !== undefined && typeof bound !== 'number')
      throw new MlpkitError('clamp', `expected ${name} to be a number or null, got ${describe(bound)}`);
  const lo = min ?? null, hi = max ?? null;
  if (lo === null && hi === null) throw new MlpkitError('clamp', 'expected at least one of min and max, got neither');
  const t = (lo !== null && !Number.isInteger(lo)) || (hi !== null && !Number.isInteger(hi)) ? asFloat(x) : x;
  // PyTorch computes min(max(x, lo), hi), so lo > hi gives hi everywhere (NaN stays NaN).
  return run('clamp', [t], { min: lo !== null && hi !== null && lo > hi ? hi : lo, max: hi });
}

// The broadcast result must be allocatable: two long vectors must not ask for terabytes.
function checkBroadcast(op: string, dtype: DType, ...operands: Tensor[]): void {
  checkAllocation(op, dtype, sizeOf(broadcastShapes(op, ...operands.map((t) => t.shape))));
}

function binary(op: BinaryPrimitive, floatOnly = false) {
  return (a: TensorLike, b: TensorLike): Tensor => {
    let [x, y] = coerce(a, b, op);
    checkBroadcast(op, x.dtype, x, y);
    if (floatOnly && !isFloating(x.dtype)) [x, y] = [cast(x, 'float32'), cast(y, 'float32')];
    if (x.dtype === 'bool') return boolArithmetic(op, x, y);
    return run(op, [x, y], {});
  };
}

/**
 * Two bool tensors combine as PyTorch's do: add is a logical or, mul a logical and (computed
 * in int32 and read back as bool, so no element is ever stored as 2), and sub is refused.
 */
function boolArithmetic(op: BinaryPrimitive, x: Tensor, y: Tensor): Tensor {
  if (op === 'sub')
    throw new MlpkitError('sub', 'subtracting two bool tensors is not supported, as in PyTorch; use ne(a, b) for an exclusive or, or cast to int32 or float first');
  if (op === 'maximum' || op === 'minimum') return run(op, [x, y], {});
  return cast(run(op, [cast(x, 'int32'), cast(y, 'int32')], {}), 'bool');
}

/** a + b with broadcasting. */
export const add = binary('add');
/** a − b with broadcasting. */
export const sub = binary('sub');
/** a · b with broadcasting. */
export const mul = binary('mul');
/** a / b with broadcasting (true division: integers give float32). */
export const div = binary('div', true);
/** aᵇ with broadcasting. */
export const pow = binary('pow', true);
/** Elementwise maximum with broadcasting; ties split the gradient half and half. */
export const maximum = binary('maximum');
/** Elementwise minimum with broadcasting; ties split the gradient half and half. */
export const minimum = binary('minimum');

function compare(op: ComparePrimitive) {
  return (a: TensorLike, b: TensorLike): Tensor => {
    const [x, y] = coerce(a, b, op);
    checkBroadcast(op, 'bool', x, y);
    return run(op, [x, y], {});
  };
}

/** a == b, elementwise, as bool. */
export const eq = compare('eq');
/** a != b, elementwise, as bool. */
export const ne = compare('ne');
/** a < b, elementwise, as bool. */
export const lt = compare('lt');
/** a <= b, elementwise, as bool. */
export const le = compare('le');
/** a > b, elementwise, as bool. */
export const gt = compare('gt');
/** a >= b, elementwise, as bool. */
export const ge = compare('ge');

/** Picks `input` where `condition` is true and `other` elsewhere, with broadcasting. */
export function where(condition: Tensor, input: TensorLike, other: TensorLike): Tensor {
  checkTensor('where', condition, 'condition');
  if (condition.dtype !== 'bool')
    throw new MlpkitError('where', `expected a bool condition, got dtype ${condition.dtype}`);
  const [x, y] = coerce(input, other, 'where');
  checkBroadcast('where', x.dtype, condition, x, y);
  return run('where', [condition, x, y], {});
}

/**
 * max(0, x) as `torch.relu`: relu'(0) = 0, NaN passes through, and the dtype is kept. Built
 * from `where`, so its gradient is the primitive's (g where x > 0, else 0).
 */
export function relu(x: Tensor): Tensor {
  checkTensor('relu', x);
  return where(le(x, 0), 0, x);
}
