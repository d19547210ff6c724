import { run } from '../dispatch.js';
import { allocate, checkAllocation, promoteTypes } from '../dtype.js';
import { MlpkitError, describe, formatShape } from '../errors.js';
import { normalizeDim, shapesEqual } from '../shape.js';
import { Tensor, checkTensor } from '../tensor.js';
import { checkInteger } from './check-options.js';
import { add, where } from './elementwise.js';
import { full } from './creation.js';
import { unsqueeze } from './shape.js';
import { cast } from './convert.js';

/** One dim of a slice: `[start, end, step]` with Python's meaning (negatives count from the end), or null for all. */
export type SliceRange = readonly [number?, number?, number?] | null;

type Ranges = readonly (SliceRange | readonly (number | null | undefined)[])[];

/** Resolves Python-style ranges against a shape: clamped starts and ends, positive steps. */
function sliceBounds(op: string, shape: readonly number[], ranges: Ranges): { starts: number[]; ends: number[]; steps: number[] } {
  if (!Array.isArray(ranges)) throw new MlpkitError(op, `expected an array of ranges, one per dim, got ${describe(ranges)}`);
  if (ranges.length > shape.length) throw new MlpkitError(op, `got ${ranges.length} ranges for a tensor of shape ${formatShape(shape)}`);
  const starts: number[] = [], ends: number[] = [], steps: number[] = [];
  shape.forEach((size, d) => {
    const range = ranges[d] ?? [];
    if (!Array.isArray(range) || range.length > 3)
      throw new MlpkitError(op, `expected [start, end, step] or null for dim ${d}, got ${describe(range)}`);
    const [rawStart, rawEnd, rawStep] = range;
    for (const [name, v] of [['start', rawStart], ['end', rawEnd]] as const)
      if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isInteger(v)))
        throw new MlpkitError(op, `expected an integer or null ${name} in dim ${d}, got ${typeof v === 'number' ? v : describe(v)}`);
    const step = rawStep ?? 1;
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= 0) throw new MlpkitError(op, `step must be a positive integer, got ${step} in dim ${d}`);
    const clampIndex = (v: number) => Math.min(size, Math.max(0, v < 0 ? v + size : v));
    starts.push(clampIndex(rawStart ?? 0));
    ends.push(Math.max(starts[d], clampIndex(rawEnd ?? size)));
    steps.push(step);
  });
  return { starts, ends, steps };
}

/** Python-style basic slicing, e.g. `slice(x, [[1, 3], [null, null, 2]])` is `x[1:3, ::2]`. Copies. */
export function slice(x: Tensor, ranges: Ranges): Tensor {
  checkTensor('slice', x);
  return run('slice', [x], sliceBounds('slice', x.shape, ranges));
}

/** Joins tensors along an existing dim. */
export function concat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors)) throw new MlpkitError('concat', `expected an array of tensors, got ${describe(tensors)}`);
  tensors.forEach((t, i) => checkTensor('concat', t, `tensors[${i}]`));
  if (tensors.length === 0) throw new MlpkitError('concat', 'expected at least one tensor, got none');
  const first = tensors[0];
  const d = normalizeDim('concat', dim, first.ndim);
  const dtype = tensors.reduce((acc, t) => promoteTypes(acc, t.dtype), first.dtype);
  const same = tensors.map((t) => cast(t, dtype));
  for (const t of same)
    if (t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i]))
      throw new MlpkitError('concat', `shapes must match except in dim ${d}: ${formatShape(first.shape)} vs ${formatShape(t.shape)}`);
  return tensors.length === 1 ? first : run('concat', same, { dim: d });
}

/** Joins same-shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors)) throw new MlpkitError('stack', `expected an array of tensors, got ${describe(tensors)}`);
  tensors.forEach((t, i) => checkTensor('stack', t, `tensors[${i}]`));
  if (tensors.length === 0) throw new MlpkitError('stack', 'expected at least one tensor, got none');
  for (const t of tensors)
    if (!shapesEqual(t.shape, tensors[0].shape))
      throw new MlpkitError('stack', `every tensor must have the same shape: ${formatShape(tensors[0].shape)} vs ${formatShape(t.shape)}`);
  const d = normalizeDim('stack', dim, tensors[0].ndim + 1);
  return concat(tensors.map((t) => unsqueeze(t, d)), d);
}

function checkIndex(op: string, index: Tensor, size: number, dim: number): void {
  checkTensor(op, index, 'index');
  if (index.dtype !== 'int32') throw new MlpkitError(op, `expected an int32 index tensor, got dtype ${index.dtype}`);
  for (const i of index.data)
    if (i < 0 || i >= size) throw new MlpkitError(op, `index ${i} is out of range for dim ${dim} of size ${size}`);
}

/**
 * PyTorch's rule for gather and scatter_add: the index has the input's number of dims and is no
 * larger outside `dim`; otherwise its positions would land in the wrong row of the input.
 */
function checkIndexFits(op: string, index: Tensor, x: Tensor, d: number): void {
  if (index.ndim !== x.ndim || index.shape.some((s, i) => i !== d && s > x.shape[i]))
    throw new MlpkitError(op, `index shape ${formatShape(index.shape)} does not fit input shape ${formatShape(x.shape)} outside dim ${d}`);
}

/** Picks the entries `index` along `dim` (rows of a matrix for dim 0). */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor('indexSelect', x);
  checkTensor('indexSelect', index, 'index');
  const d = normalizeDim('indexSelect', dim, x.ndim);
  if (index.ndim > 1) throw new MlpkitError('indexSelect', `expected a 0-d or 1-d index, got shape ${formatShape(index.shape)}`);
  checkIndex('indexSelect', index, x.shape[d], d);
  return run('indexSelect', [x, index], { dim: d });
}

/** out[i][j] = x[index[i][j]][j] for dim 0 (and likewise for other dims), as torch.gather. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor('gather', x);
  checkTensor('gather', index, 'index');
  const d = normalizeDim('gather', dim, x.ndim);
  checkIndexFits('gather', index, x, d);
  checkIndex('gather', index, x.shape[d], d);
  return run('gather', [x, index], { dim: d });
}

/** `input` plus `src` added at the positions `index` names along `dim` (torch.scatter_add). */
export function scatterAdd(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor('scatterAdd', input);
  const d = normalizeDim('scatterAdd', dim, input.ndim);
  checkTensor('scatterAdd', src, 'src');
  checkTensor('scatterAdd', index, 'index');
  if (!shapesEqual(index.shape, src.shape))
    throw new MlpkitError('scatterAdd', `index shape ${formatShape(index.shape)} differs from src shape ${formatShape(src.shape)}`);
  checkIndexFits('scatterAdd', index, input, d);
  checkIndex('scatterAdd', index, input.shape[d], d);
  return add(input, run('scatterAdd', [src, index], { dim: d, shape: [...input.shape] }));
}

/** One-hot encoding of int32 class indices: a new last dim of `numClasses` (inferred when -1). */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  checkTensor('oneHot', indices, 'indices');
  if (indices.dtype !== 'int32') throw new MlpkitError('oneHot', `expected int32 class indices, got dtype ${indices.dtype}`);
  checkInteger('oneHot', 'numClasses', numClasses, -1, 2 ** 31 - 1);
  if (numClasses === 0 && indices.size > 0) throw new MlpkitError('oneHot', `expected numClasses >= 1 (or -1 to infer it), got 0`);
  let classes = numClasses;
  if (numClasses === -1) for (const c of indices.data) classes = Math.max(classes, c + 1);
  checkIndex('oneHot', indices, classes, 0);
  checkAllocation('oneHot', 'int32', indices.size * classes);
  const out = allocate('int32', indices.size * classes, 'oneHot');
  indices.data.forEach((c, i) => { out[i * classes + c] = 1; });
  return new Tensor(out, [...indices.shape, classes]);
}

/**
 * `input` with `src` written over the positions `input[start:end:step]` along `dim` (Python
 * slice meaning, as torch.slice_scatter); `src` must have the shape of that slice. The
 * overwritten positions of `input` get no gradient.
 */
export function sliceScatter(input: Tensor, src: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
  checkTensor('sliceScatter', input);
  checkTensor('sliceScatter', src, 'src');
  const d = normalizeDim('sliceScatter', dim, input.ndim);
  const ranges = input.shape.map((_, i) => (i === d ? ([start ?? undefined, end ?? undefined, step] as const) : null));
  const bounds = sliceBounds('sliceScatter', input.shape, ranges);
  const region = bounds.starts.map((s, i) => Math.ceil((bounds.ends[i] - s) / bounds.steps[i]));
  if (!shapesEqual(region, src.shape))
    throw new MlpkitError('sliceScatter', `expected src of shape ${formatShape(region)} (input ${formatShape(input.shape)} sliced ${start ?? ''}:${end ?? ''}:${step} along dim ${d}), got ${formatShape(src.shape)}`);
  const dtype = promoteTypes(input.dtype, src.dtype);
  const params = { ...bounds, shape: [...input.shape] };
  const mask = run('sliceScatter', [full(region, 1, { dtype: 'bool' })], params);
  return where(mask, run('sliceScatter', [cast(src, dtype)], params), cast(input, dtype));
}
