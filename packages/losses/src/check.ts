import { MlpkitError, type Tensor, cast, checkTensor, formatShape, isFloating, shapesEqual } from '@mlpkit/tensor';

/** Refuses a non-float input (losses compare real-valued predictions). */
export function checkFloat(op: string, name: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw new MlpkitError(op, `expected a float ${name}, got dtype ${x.dtype}`);
}

/**
 * Refuses an input and a target of different shapes. PyTorch broadcasts them with a warning,
 * but a [64, 1] prediction against a [64] target then compares every pair (a [64, 64] loss),
 * a classic silent bug, so mlpkit says so instead.
 */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!shapesEqual(input.shape, target.shape))
    throw new MlpkitError(op, `input shape ${formatShape(input.shape)} and target shape ${formatShape(target.shape)} differ; reshape one to match (broadcasting them would compare every input with every target)`);
}

/** Refuses an input or a target that is not a Tensor (a plain array or number has no dtype to read). */
export function checkOperands(op: string, input: Tensor, target: Tensor): void {
  checkTensor(op, input);
  checkTensor(op, target, 'target');
}

/** The float input and a target in its dtype, after the shape and dtype checks every pointwise loss makes. */
export function pointwiseOperands(op: string, input: Tensor, target: Tensor): [Tensor, Tensor] {
  checkOperands(op, input, target);
  checkFloat(op, 'input', input);
  checkSameShape(op, input, target);
  return [input, cast(target, input.dtype)];
}

/** Refuses a class index argument that is not an integer (PyTorch's ignore_index is an int). */
export function checkClassIndex(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new MlpkitError(op, `${name} must be an integer, got ${typeof value === 'number' ? value : JSON.stringify(value) ?? String(value)}`);
}

/** Refuses a number argument that is not finite (a typo'd config gives `undefined` or NaN). */
export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new MlpkitError(op, `${name} must be a finite number, got ${String(value)}`);
}
