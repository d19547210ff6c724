import { coreState } from './core-state.js';
import { type DType, type TypedArray, checkDType, dtypeOfArray } from './dtype.js';
import { MlpkitError, describe, formatShape } from './errors.js';
import { formatTensor } from './format.js';
import { checkShape, sizeOf } from './shape.js';
import type { TensorStorage } from './storage.js';
import { checkBoolean } from './ops/check-options.js';
import type * as Ops from './ops/index.js';
import { tensorOps as ops } from './tensor-ops.js';

/** What autograd attaches to a tensor that an op produced; opaque to this package. */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
}

type Scalar = Tensor | number;
type Dims = number | readonly number[] | null;
type ShapeArgs = number[] | [readonly number[]];

/** Options of `Tensor.var` and `Tensor.std` given as an object (PyTorch's keyword arguments). */
export interface TensorVarianceOptions {
  dim?: Dims;
  keepdim?: boolean;
  /** false divides by N instead of N − 1. */
  unbiased?: boolean;
  /** Divide by N − correction (overrides `unbiased`). */
  correction?: number;
}

/**
 * Marks every Tensor under a registered symbol, so that `instanceof Tensor` also holds for a
 * tensor made by another copy of this package (the ESM and CommonJS builds in one program).
 */
const tensorBrand: unique symbol = Symbol.for('mlpkit.tensor.v1') as never;

/** Throws unless `value` is a Tensor, naming the op and what it got instead. */
export function checkTensor(op: string, value: unknown, name = 'input'): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    const hint = Array.isArray(value) ? ' (wrap plain arrays with tensor(...))' : '';
    throw new MlpkitError(op, `expected ${name} to be a Tensor, got ${describe(value)}${hint}`);
  }
}

/**
 * The method by which `releaseMemory` takes a tensor's elements away. Not exported from the
 * package, but registered, as the brand is, so that either copy of this package can release a
 * tensor of the other (the memory goes to the one pool of the core state either way); any code
 * can reach it through `Symbol.for`, as any code can reach the core state.
 */
export const releaseElements: unique symbol = Symbol.for('mlpkit.tensor.release-elements.v1') as never;

/** Tells the constructor that its first argument is a whole storage to adopt ({@link Tensor.fromStorage}). */
const ADOPT: unique symbol = Symbol('adopt storage');

function shapeArgs(args: ShapeArgs): readonly number[] {
  return Array.isArray(args[0]) ? args[0] : (args as number[]);
}

/**
 * An n-dimensional array: a shape, a dtype and contiguous row-major storage in a typed
 * array. Methods are shorthands for the functions of the same name (`x.add(y)` is `add(x, y)`),
 * named as PyTorch's Tensor methods are.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /**
   * The elements in row-major order. Shared, not copied, by `reshape` of the same size. On a
   * backend that keeps elements in its own memory (a device), reading it copies them back to
   * host memory, once; from then on the host copy is what kernels use.
   */
  readonly data!: TypedArray;
  /** Whether autograd tracks ops on this tensor (set it with `requiresGrad()` from @mlpkit/autograd). */
  requiresGrad = false;
  /** The accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, when autograd recorded one. */
  gradNode: GradNode | null = null;
  // Private, so that the tensor's own properties (what spread, structuredClone and
  // JSON.stringify see) stay shape, dtype, data and the autograd fields.
  #storage: TensorStorage;
  readonly #count: number;

  /** True for a tensor of any copy of this package: what `instanceof Tensor` checks. */
  get [tensorBrand](): true { return true; }

  static [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (Parameter) inherit this method but keep the ordinary prototype check.
    if (this !== Tensor) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [tensorBrand]?: unknown })[tensorBrand] === true;
  }

  constructor(data: TypedArray, shape: readonly number[]) {
    let adopted = (shape as unknown) === ADOPT ? (data as unknown as TensorStorage) : null;
    // A kernel may return an input as it is (a Tensor is a storage): share its storage, not it.
    if (adopted && tensorBrand in adopted) adopted = (adopted as unknown as Tensor).storage;
    const dims = adopted ? adopted.shape : shape;
    checkShape('Tensor', dims);
    this.shape = Object.freeze([...dims]);
    this.#count = sizeOf(this.shape);
    if (adopted?.deviceBuffer) {
      // Device storage: its elements stay where they are until `data` is read.
      checkDType('Tensor', adopted.dtype);
      this.dtype = adopted.dtype;
      this.#storage = adopted;
      const storage = adopted;
      Object.defineProperty(this, 'data', { get: () => storage.data, enumerable: true });
      return;
    }
    const values = adopted ? adopted.data : data;
    this.dtype = dtypeOfArray(values, 'Tensor');
    if (adopted && adopted.dtype !== this.dtype)
      throw new MlpkitError('Tensor', `storage says dtype ${String(adopted.dtype)} but holds ${this.dtype} elements`);
    if (values.length !== this.#count)
      throw new MlpkitError('Tensor', `storage has ${values.length} elements but shape ${formatShape(this.shape)} needs ${this.#count}`);
    this.data = values;
    this.#storage = adopted ?? { data: values, shape: this.shape, dtype: this.dtype };
  }

  /**
   * A tensor over `storage` as a kernel returned it (not copied): what the dispatch point makes
   * of every kernel's output. Device storage is not read.
   */
  static fromStorage(storage: TensorStorage): Tensor {
    return new Tensor(storage as unknown as TypedArray, ADOPT as unknown as readonly number[]);
  }

  /**
   * The storage as kernels see it, held rather than copied: a backend that keeps elements on a
   * device hands the tensor a storage whose `data` it reads back only when asked.
   */
  get storage(): TensorStorage { return this.#storage; }
  /** The backend's buffer while the elements live in its own memory; undefined for host arrays (docs/design.md). */
  get deviceBuffer(): TensorStorage['deviceBuffer'] { return this.#storage.deviceBuffer; }

  /**
   * From now on, reading this tensor's elements (its `data`, or its storage's) calls `refuse`,
   * which throws: what `releaseMemory` does once the memory has gone back to the allocator.
   */
  [releaseElements](refuse: () => never): void {
    this.#storage = { shape: this.shape, dtype: this.dtype, get data(): TypedArray { return refuse(); } };
    Object.defineProperty(this, 'data', { get: refuse, enumerable: true, configurable: true });
  }

  /** Number of dims. */
  get ndim(): number { return this.shape.length; }
  /** Number of elements (PyTorch's `numel()`). */
  get size(): number { return this.#count; }
  /** Number of elements, as PyTorch's `numel()`. */
  numel(): number { return this.#count; }
  /** Number of dims, as PyTorch's `dim()`. */
  dim(): number { return this.shape.length; }

  /** The only element of a one-element tensor, as a number. */
  item(): number {
    if (this.data.length !== 1) throw new MlpkitError('item', `expected a tensor with one element, got shape ${formatShape(this.shape)}`);
    return this.data[0];
  }

  /** Nested arrays of numbers (booleans for bool tensors), like PyTorch's `tolist()`. */
  tolist(): unknown { return ops().toNested(this); }

  /** A copy of the storage as a typed array. */
  toTypedArray(): TypedArray { return this.data.slice(); }

  /** Computes gradients of this tensor with respect to every leaf that requires grad. */
  backward(gradient?: Tensor, options: { retainGraph?: boolean } = {}): void {
    const recorder = coreState().recorder;
    if (!recorder) throw new MlpkitError('backward', 'autograd is not active: no tensor was marked with requiresGrad()');
    recorder.backward(this, gradient, options);
  }

  toString(): string { return formatTensor(this); }

  // Elementwise arithmetic and functions.
  add(other: Scalar): Tensor { return ops().add(this, other); }
  sub(other: Scalar): Tensor { return ops().sub(this, other); }
  mul(other: Scalar): Tensor { return ops().mul(this, other); }
  div(other: Scalar): Tensor { return ops().div(this, other); }
  pow(other: Scalar): Tensor { return ops().pow(this, other); }
  neg(): Tensor { return ops().neg(this); }
  exp(): Tensor { return ops().exp(this); }
  log(): Tensor { return ops().log(this); }
  sqrt(): Tensor { return ops().sqrt(this); }
  /** 1 / √x. */
  rsqrt(): Tensor { return ops().reciprocal(ops().sqrt(this)); }
  abs(): Tensor { return ops().abs(this); }
  sign(): Tensor { return ops().sign(this); }
  square(): Tensor { return ops().square(this); }
  reciprocal(): Tensor { return ops().reciprocal(this); }
  sin(): Tensor { return ops().sin(this); }
  cos(): Tensor { return ops().cos(this); }
  erf(): Tensor { return ops().erf(this); }
  expm1(): Tensor { return ops().expm1(this); }
  log1p(): Tensor { return ops().log1p(this); }
  floor(): Tensor { return ops().floor(this); }
  ceil(): Tensor { return ops().ceil(this); }
  round(): Tensor { return ops().round(this); }
  clamp(min: number | null, max?: number | null): Tensor { return ops().clamp(this, min, max ?? null); }
  maximum(other: Scalar): Tensor { return ops().maximum(this, other); }
  minimum(other: Scalar): Tensor { return ops().minimum(this, other); }
  /** `input` where `condition` is true, `other` elsewhere (PyTorch's `x.where(condition, y)`). */
  where(condition: Tensor, other: Scalar): Tensor { return ops().where(condition, this, other); }
  /** This tensor with `value` wherever the bool `mask` is true. */
  maskedFill(mask: Tensor, value: number): Tensor { return ops().where(mask, value, this); }

  // Activations (the same functions as `@mlpkit/activations`, gradients from the primitives).
  /** The logistic function 1 / (1 + e⁻ˣ). */
  sigmoid(): Tensor { return ops().sigmoid(this); }
  /** The hyperbolic tangent. */
  tanh(): Tensor { return ops().tanh(this); }
  /** max(0, x), with relu'(0) = 0 as in PyTorch. */
  relu(): Tensor { return ops().relu(this); }
  /** Softmax along `dim` (PyTorch requires it; mlpkit defaults to the last dim). */
  softmax(dim = -1): Tensor { return ops().softmax(this, dim); }
  /** Log-softmax along `dim` (the last by default). */
  logSoftmax(dim = -1): Tensor { return ops().logSoftmax(this, dim); }

  // Comparisons.
  eq(other: Scalar): Tensor { return ops().eq(this, other); }
  ne(other: Scalar): Tensor { return ops().ne(this, other); }
  gt(other: Scalar): Tensor { return ops().gt(this, other); }
  ge(other: Scalar): Tensor { return ops().ge(this, other); }
  lt(other: Scalar): Tensor { return ops().lt(this, other); }
  le(other: Scalar): Tensor { return ops().le(this, other); }

  // Reductions.
  sum(dim?: Dims, keepdim = false): Tensor { return ops().sum(this, dim, keepdim); }
  mean(dim?: Dims, keepdim = false): Tensor { return ops().mean(this, dim, keepdim); }
  /** Variance, unbiased by default: `x.var(1)`, `x.var(1, { keepdim: true })`, `x.var({ unbiased: false })`. */
  var(dim?: Dims | TensorVarianceOptions, options: TensorVarianceOptions = {}): Tensor {
    return ops().variance(this, varianceOptions('var', dim, options));
  }
  /** Standard deviation, with the same arguments as `var`. */
  std(dim?: Dims | TensorVarianceOptions, options: TensorVarianceOptions = {}): Tensor {
    return ops().std(this, varianceOptions('std', dim, options));
  }
  amax(dim?: Dims, keepdim = false): Tensor { return ops().amax(this, dim, keepdim); }
  amin(dim?: Dims, keepdim = false): Tensor { return ops().amin(this, dim, keepdim); }
  logsumexp(dim?: Dims, keepdim = false): Tensor { return ops().logsumexp(this, dim, keepdim); }
  /** The largest element, or `{ values, indices }` along `dim` as PyTorch's `max(dim)`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): Ops.ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | Ops.ValuesIndices {
    return dim === undefined ? ops().max(this) : ops().max(this, dim, keepdim);
  }
  /** The smallest element, or `{ values, indices }` along `dim` as PyTorch's `min(dim)`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): Ops.ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | Ops.ValuesIndices {
    return dim === undefined ? ops().min(this) : ops().min(this, dim, keepdim);
  }
  argmax(dim?: number | null, keepdim = false): Tensor { return ops().argmax(this, dim, keepdim); }
  argmin(dim?: number | null, keepdim = false): Tensor { return ops().argmin(this, dim, keepdim); }
  /** Whether every element is non-zero, as a 0-d bool (or along `dim`). */
  all(dim?: Dims, keepdim = false): Tensor {
    checkBoolean('all', 'keepdim', keepdim); // checked here too, or the refusal would name the sum inside
    return ops().eq(ops().sum(ops().eq(this, 0), dim, keepdim), 0);
  }
  /** Whether any element is non-zero, as a 0-d bool (or along `dim`). */
  any(dim?: Dims, keepdim = false): Tensor {
    checkBoolean('any', 'keepdim', keepdim);
    return ops().gt(ops().sum(ops().ne(this, 0), dim, keepdim), 0);
  }

  // Products.
  matmul(other: Tensor): Tensor { return ops().matmul(this, other); }
  /** Matrix product of two 2-D tensors. */
  mm(other: Tensor): Tensor {
    if (this.ndim !== 2 || other?.ndim !== 2)
      throw new MlpkitError('mm', `expected two 2-D tensors, got ${formatShape(this.shape)} and ${other instanceof Tensor ? formatShape(other.shape) : describe(other)}`);
    return ops().matmul(this, other);
  }

  // Shape and movement.
  reshape(...shape: ShapeArgs): Tensor { return ops().reshape(this, shapeArgs(shape)); }
  /** The same storage in another shape; tensors here are always contiguous, so it is `reshape`. */
  view(...shape: ShapeArgs): Tensor { return ops().reshape(this, shapeArgs(shape)); }
  /** `reshape` to the shape of `other`. */
  viewAs(other: Tensor): Tensor { checkTensor('viewAs', other, 'other'); return ops().reshape(this, other.shape); }
  /** `reshape` to the shape of `other`. */
  reshapeAs(other: Tensor): Tensor { checkTensor('reshapeAs', other, 'other'); return ops().reshape(this, other.shape); }
  flatten(startDim = 0, endDim = -1): Tensor { return ops().flatten(this, startDim, endDim); }
  transpose(dim0 = 0, dim1 = 1): Tensor { return ops().transpose(this, dim0, dim1); }
  /** The transpose of a tensor of at most 2 dims (PyTorch's `t()`). */
  t(): Tensor {
    if (this.ndim > 2) throw new MlpkitError('t', `expected a tensor with <= 2 dims, got shape ${formatShape(this.shape)}`);
    return ops().transpose(this, 0, 1);
  }
  permute(...dims: ShapeArgs): Tensor { return ops().permute(this, shapeArgs(dims)); }
  unsqueeze(dim: number): Tensor { return ops().unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return ops().squeeze(this, dim); }
  expand(...shape: ShapeArgs): Tensor { return ops().expand(this, shapeArgs(shape)); }
  expandAs(other: Tensor): Tensor { checkTensor('expandAs', other, 'other'); return ops().expand(this, other.shape); }
  /** The dims reversed (the transpose of a 2-D tensor), as PyTorch's `x.T`. */
  get T(): Tensor { return ops().permute(this, this.shape.map((_, i) => this.ndim - 1 - i)); }
  /** Already contiguous: returns this tensor, as PyTorch does for a contiguous one. */
  contiguous(): Tensor { return this; }
  gather(dim: number, index: Tensor): Tensor { return ops().gather(this, dim, index); }
  indexSelect(dim: number, index: Tensor): Tensor { return ops().indexSelect(this, dim, index); }

  // Types and copies.
  to(dtype: DType): Tensor { checkDType('to', dtype); return ops().cast(this, dtype); }
  float(): Tensor { return ops().cast(this, 'float32'); }
  double(): Tensor { return ops().cast(this, 'float64'); }
  int(): Tensor { return ops().cast(this, 'int32'); }
  /** int32, mlpkit's integer dtype (PyTorch's `long()` is int64). */
  long(): Tensor { return ops().cast(this, 'int32'); }
  bool(): Tensor { return ops().cast(this, 'bool'); }
  /** Whether the dtype is float32 or float64. */
  isFloatingPoint(): boolean { return this.dtype === 'float32' || this.dtype === 'float64'; }
  /** A tensor sharing this storage with no gradient history. */
  detach(): Tensor { return Tensor.fromStorage(this.storage); }
  /** A tensor with its own copy of the storage. */
  clone(): Tensor { return ops().clone(this); }
}

function varianceOptions(op: 'var' | 'std', dim: Dims | TensorVarianceOptions | undefined, options: TensorVarianceOptions): Ops.VarianceOptions {
  if (dim !== null && typeof dim === 'object' && !Array.isArray(dim)) return dim as TensorVarianceOptions;
  ops().checkOptions(op, options, ['keepdim', 'unbiased', 'correction']);
  return { ...options, dim: dim as Dims | undefined };
}
