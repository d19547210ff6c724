import { getGradRecorder } from './dispatch.js';
import { type DType, type TypedArray, dtypeOfArray } from './dtype.js';
import { MlpkitError, formatShape } from './errors.js';
import { formatTensor } from './format.js';
import { sizeOf } from './shape.js';
import * as ops from './ops/index.js';

/** What autograd attaches to a tensor that an op produced; opaque to this package. */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
}

type Scalar = Tensor | number;
type Dims = number | readonly number[] | null;

/**
 * An n-dimensional array: a shape, a dtype and contiguous row-major storage in a typed
 * array. Methods are shorthands for the functions of the same name (`x.add(y)` is `add(x, y)`).
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The elements in row-major order. Shared, not copied, by `reshape` of the same size. */
  readonly data: TypedArray;
  /** Whether autograd tracks ops on this tensor (set it with `requiresGrad()` from @mlpkit/autograd). */
  requiresGrad = false;
  /** The accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, when autograd recorded one. */
  gradNode: GradNode | null = null;

  constructor(data: TypedArray, shape: readonly number[]) {
    if (data.length !== sizeOf(shape))
      throw new MlpkitError('Tensor', `storage has ${data.length} elements but shape ${formatShape(shape)} needs ${sizeOf(shape)}`);
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOfArray(data);
  }

  get ndim(): number { return this.shape.length; }
  get size(): number { return this.data.length; }

  /** The only element of a one-element tensor, as a number. */
  item(): number {
    if (this.data.length !== 1) throw new MlpkitError('item', `expected a tensor with one element, got shape ${formatShape(this.shape)}`);
    return this.data[0];
  }

  /** Nested arrays of numbers (booleans for bool tensors), like PyTorch's `tolist()`. */
  tolist(): unknown { return ops.toNested(this); }

  /** A copy of the storage as a typed array. */
  toTypedArray(): TypedArray { return this.data.slice(); }

  /** Computes gradients of this tensor with respect to every leaf that requires grad. */
  backward(gradient?: Tensor, options: { retainGraph?: boolean } = {}): void {
    const recorder = getGradRecorder();
    if (!recorder) throw new MlpkitError('backward', 'autograd is not active: no tensor was marked with requiresGrad()');
    recorder.backward(this, gradient, options);
  }

  toString(): string { return formatTensor(this); }

  add(other: Scalar): Tensor { return ops.add(this, other); }
  sub(other: Scalar): Tensor { return ops.sub(this, other); }
  mul(other: Scalar): Tensor { return ops.mul(this, other); }
  div(other: Scalar): Tensor { return ops.div(this, other); }
  pow(other: Scalar): Tensor { return ops.pow(this, other); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  abs(): Tensor { return ops.abs(this); }
  square(): Tensor { return ops.square(this); }
  clamp(min: number | null, max?: number | null): Tensor { return ops.clamp(this, min, max ?? null); }
  maximum(other: Scalar): Tensor { return ops.maximum(this, other); }
  minimum(other: Scalar): Tensor { return ops.minimum(this, other); }
  eq(other: Scalar): Tensor { return ops.eq(this, other); }
  gt(other: Scalar): Tensor { return ops.gt(this, other); }
  lt(other: Scalar): Tensor { return ops.lt(this, other); }
  sum(dim?: Dims, keepdim = false): Tensor { return ops.sum(this, dim, keepdim); }
  mean(dim?: Dims, keepdim = false): Tensor { return ops.mean(this, dim, keepdim); }
  amax(dim?: Dims, keepdim = false): Tensor { return ops.amax(this, dim, keepdim); }
  argmax(dim?: number | null, keepdim = false): Tensor { return ops.argmax(this, dim, keepdim); }
  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return ops.reshape(this, (Array.isArray(shape[0]) ? shape[0] : shape) as number[]);
  }
  flatten(startDim = 0, endDim = -1): Tensor { return ops.flatten(this, startDim, endDim); }
  transpose(dim0 = 0, dim1 = 1): Tensor { return ops.transpose(this, dim0, dim1); }
  permute(...dims: number[]): Tensor { return ops.permute(this, dims); }
  unsqueeze(dim: number): Tensor { return ops.unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return ops.squeeze(this, dim); }
  /** The transpose of a 2-D tensor. */
  get T(): Tensor { return ops.transpose(this, 0, 1); }
  to(dtype: DType): Tensor { return ops.cast(this, dtype); }
  float(): Tensor { return ops.cast(this, 'float32'); }
  double(): Tensor { return ops.cast(this, 'float64'); }
  int(): Tensor { return ops.cast(this, 'int32'); }
  /** A tensor sharing this storage with no gradient history. */
  detach(): Tensor { return new Tensor(this.data, this.shape); }
  /** A tensor with its own copy of the storage. */
  clone(): Tensor { return ops.clone(this); }
}
