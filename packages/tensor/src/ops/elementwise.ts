import { run } from '../dispatch.js';
import { isFloating } from '../dtype.js';
import { MlpkitError } from '../errors.js';
import type { BinaryPrimitive, ComparePrimitive, UnaryPrimitive } from '../primitives.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, cast, coerce } from './convert.js';

function asFloat(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : cast(x, 'float32');
}

function floatUnary(op: UnaryPrimitive) {
  return (x: Tensor): Tensor => run(op, [asFloat(x)], {});
}

/** Elementwise −x. */
export const neg = (x: Tensor): Tensor => run('neg', [x.dtype === 'bool' ? cast(x, 'int32') : x], {});
/** Elementwise |x|. */
export const abs = (x: Tensor): Tensor => run('abs', [x.dtype === 'bool' ? cast(x, 'int32') : x], {});
/** Elementwise sign: −1, 0 or 1. */
export const sign = (x: Tensor): Tensor => run('sign', [x.dtype === 'bool' ? cast(x, 'int32') : x], {});
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
  return mul(x, x);
}

/** Clamps every element into [min, max]; either bound may be null. The gradient is 1 at the bounds. */
export function clamp(x: Tensor, min: number | null, max: number | null = null): Tensor {
  if (min === null && max === null) throw new MlpkitError('clamp', 'expected at least one of min and max, got neither');
  const t = (min !== null && !Number.isInteger(min)) || (max !== null && !Number.isInteger(max)) ? asFloat(x) : x;
  return run('clamp', [t], { min, max });
}

function binary(op: BinaryPrimitive, floatOnly = false) {
  return (a: TensorLike, b: TensorLike): Tensor => {
    let [x, y] = coerce(a, b);
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
  return (a: TensorLike, b: TensorLike): Tensor => run(op, coerce(a, b), {});
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
  if (condition.dtype !== 'bool')
    throw new MlpkitError('where', `expected a bool condition, got dtype ${condition.dtype}`);
  const [x, y] = coerce(input, other);
  return run('where', [condition, x, y], {});
}
