import { MlpkitError, describe, formatShape } from './errors.js';

/** A tensor's dims, outermost first. */
export type Shape = readonly number[];

/**
 * Throws unless `shape` is an array of non-negative integer dims whose product is a safe
 * integer, naming the op and the offending dim. Each dim must be a safe integer too, the way
 * PyTorch's must fit int64: an empty tensor's other dims are not multiplied into its size,
 * and beyond 2⁵³ − 1 they are no longer exact. `name` names the argument (`featureShape`)
 * in the messages.
 */
export function checkShape(op: string, shape: unknown, name?: string): asserts shape is Shape {
  if (!Array.isArray(shape)) throw new MlpkitError(op, `expected ${name ?? 'a shape'} (an array of non-negative integers), got ${describe(shape)}`);
  // Every tensor passes here: the messages are built only when one is thrown.
  const shown = () => `${name ? `${name} ` : ''}${formatShape(shape)}`;
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0)
      throw new MlpkitError(op, `expected non-negative integer dims, got ${typeof d === 'number' ? d : describe(d)} at dim ${i} of ${shown()}`);
    if (d > Number.MAX_SAFE_INTEGER)
      throw new MlpkitError(op, `dim ${i} of ${shown()} is ${d}, more than the ${Number.MAX_SAFE_INTEGER} a dim may be`);
    size *= d;
  }
  if (!Number.isSafeInteger(size)) throw new MlpkitError(op, `${name ?? 'shape'} ${formatShape(shape)} has ${size} elements, more than any tensor can hold`);
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides of a contiguous tensor of this shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Whether two shapes have the same dims. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The NumPy broadcast of several shapes, or a clear error naming the op. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i];
      if (d === out[j] || d === 1) continue;
      if (out[j] === 1) out[j] = d;
      else
        throw new MlpkitError(
          op,
          `shapes ${shapes.map(formatShape).join(' and ')} cannot be broadcast together (dimension ${j - ndim} is ${out[j]} vs ${d})`,
        );
    }
  }
  return out;
}

/** Strides that read a tensor of `shape` as if it had `target` shape (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const offset = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + offset] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** Turns a possibly negative dim into its index, or throws naming the op. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const lo = -Math.max(ndim, 1);
  const hi = Math.max(ndim, 1) - 1;
  if (typeof dim !== 'number' || !Number.isInteger(dim))
    throw new MlpkitError(op, `expected an integer dim, got ${describe(dim)}`);
  if (dim < lo || dim > hi)
    throw new MlpkitError(op, `dim ${dim} is out of range for a tensor of ${ndim} dimension(s) (expected ${lo}..${hi})`);
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalizes `dim` (one, several, or all when undefined/null) to sorted unique indices. */
export function normalizeDims(op: string, dim: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (dim === undefined || dim === null) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof dim !== 'number' && !Array.isArray(dim))
    throw new MlpkitError(op, `expected a dim, an array of dims or null, got ${describe(dim)}`);
  const list: number[] = typeof dim === 'number' ? [dim] : [...dim];
  const dims = list.map((d) => normalizeDim(op, d, ndim));
  if (new Set(dims).size !== dims.length) throw new MlpkitError(op, `dim ${formatShape(list)} repeats a dimension`);
  return dims.sort((a, b) => a - b);
}

/** Resolves a single -1 in a requested shape against the element count. */
export function inferShape(op: string, from: Shape, requested: Shape): number[] {
  if (!Array.isArray(requested)) throw new MlpkitError(op, `expected a shape (an array of integers), got ${describe(requested)}`);
  const size = sizeOf(from);
  const unknown = requested.filter((d) => d === -1).length;
  if (unknown > 1) throw new MlpkitError(op, `only one dimension can be -1, got ${formatShape(requested)}`);
  for (const d of requested)
    if (typeof d !== 'number' || !Number.isInteger(d) || d < -1)
      throw new MlpkitError(op, `expected integer dims >= 0 (or one -1), got ${typeof d === 'number' ? d : describe(d)} in ${formatShape(requested)}`);
  const known = requested.reduce((a, d) => (d === -1 ? a : a * d), 1);
  if (unknown === 1 && known === 0)
    throw new MlpkitError(op, `shape ${formatShape(requested)} is ambiguous for a tensor of ${size} elements: -1 could be any size next to a 0 dim`);
  const out = requested.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (sizeOf(out) !== size || !out.every(Number.isInteger))
    throw new MlpkitError(op, `cannot reshape a tensor of shape ${formatShape(from)} (${size} elements) into ${formatShape(requested)}`);
  return out;
}
