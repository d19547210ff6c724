import { run } from '../dispatch.js';
import { type DType, allocate, checkDType, isFloating, promoteTypes, toDType } from '../dtype.js';
import { MlpkitError, describe } from '../errors.js';
import { Tensor, checkTensor } from '../tensor.js';

/** A tensor, or a plain number that takes the dtype of the tensor it meets. */
export type TensorLike = Tensor | number;

/** Converts to `dtype`; returns the same tensor when it already has it. Gradients flow through float casts. */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor('cast', x);
  checkDType('cast', dtype);
  return x.dtype === dtype ? x : run('cast', [x], { dtype });
}

/** A copy with its own storage (recorded, so gradients flow through it). */
export function clone(x: Tensor): Tensor {
  checkTensor('clone', x);
  return run('cast', [x], { dtype: x.dtype });
}

/** A 0-d tensor holding `value` (refused when `dtype` cannot hold it, e.g. 1e10 as int32). */
export function scalar(value: number, dtype: DType = 'float32', op = 'scalar'): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new MlpkitError(op, `expected a number, got ${describe(value)}`);
  checkDType(op, dtype);
  const data = allocate(dtype, 1, op);
  data[0] = toDType(op, dtype, Number(value));
  return new Tensor(data, []);
}

/** The dtype a plain number adopts next to a tensor of `dtype` (PyTorch's rule for Python scalars). */
export function scalarDType(dtype: DType, value: number): DType {
  if (isFloating(dtype)) return dtype;
  if (!Number.isInteger(value)) return 'float32';
  return dtype === 'bool' ? 'int32' : dtype;
}

function checkOperand(op: string, value: unknown, name: string): void {
  if (typeof value !== 'number' && !(value instanceof Tensor))
    throw new MlpkitError(op, `expected ${name} to be a Tensor or a number, got ${describe(value)}${Array.isArray(value) ? ' (wrap plain arrays with tensor(...))' : ''}`);
}

/** Brings two operands to one common dtype, turning numbers into 0-d tensors; `op` names the caller in errors. */
export function coerce(a: TensorLike, b: TensorLike, op = 'coerce'): [Tensor, Tensor] {
  checkOperand(op, a, 'input');
  checkOperand(op, b, 'other');
  if (typeof a === 'number' && typeof b === 'number') return [scalar(a, 'float32', op), scalar(b, 'float32', op)];
  if (typeof a === 'number') {
    const t = b as Tensor;
    const dtype = scalarDType(t.dtype, a);
    return [scalar(a, dtype, op), cast(t, dtype)];
  }
  if (typeof b === 'number') {
    const dtype = scalarDType(a.dtype, b);
    return [cast(a, dtype), scalar(b, dtype, op)];
  }
  const dtype = resultType(a, b);
  return [cast(a, dtype), cast(b, dtype)];
}

const category: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 2 };

/**
 * PyTorch's result type of two tensors: a 0-d tensor decides the dtype only when it is of a
 * higher category (bool < int < float) than a dimensioned one, so a float64 0-d weight does
 * not turn a float32 graph into float64.
 */
export function resultType(a: Tensor, b: Tensor): DType {
  if ((a.ndim === 0) === (b.ndim === 0)) return promoteTypes(a.dtype, b.dtype);
  const [dimensioned, zeroDim] = a.ndim === 0 ? [b, a] : [a, b];
  return category[zeroDim.dtype] > category[dimensioned.dtype] ? zeroDim.dtype : dimensioned.dtype;
}

/** Nested JavaScript arrays of the tensor's values (booleans for bool). */
export function toNested(x: Tensor): unknown {
  checkTensor('tolist', x);
  const values = x.dtype === 'bool' ? Array.from(x.data, (v) => v !== 0) : Array.from(x.data);
  if (x.shape.length === 0) return values[0];
  const build = (dim: number, offset: number, stride: number): unknown[] => {
    const n = x.shape[dim];
    const inner = stride / n;
    if (dim === x.shape.length - 1) return values.slice(offset, offset + n);
    return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * inner, inner));
  };
  return build(0, 0, x.size);
}
