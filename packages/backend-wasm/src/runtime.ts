import { MlpkitError, uninitializedFloat32 } from '@mlpkit/tensor';

/** The functions the kernels module exports (pointers are byte offsets into its memory). */
export interface KernelExports {
  gemmWorkspaceBytes(): number;
  sgemm(a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, m: number, n: number, k: number, work: number, addTo: number): void;
  binary(op: number, a: number, b: number, out: number, rows: number, cols: number, mode: number): void;
  unary(op: number, x: number, out: number, n: number): void;
  transcendental(op: number, x: number, out: number, n: number): void;
  clamp(x: number, out: number, n: number, lo: number, hi: number): void;
  sumLeading(x: number, out: number, rows: number, cols: number, acc: number): void;
  sumTrailing(x: number, out: number, rows: number, cols: number): void;
  compare(op: number, a: number, b: number, out: number, rows: number, cols: number, mode: number): void;
  where(c: number, a: number, b: number, out: number, n: number, flags: number): void;
  axpy(y: number, x: number, n: number, alpha: number): void;
  sgdMomentum(p: number, g: number, b: number, n: number, momentum: number, od: number, lr: number, flags: number): void;
  adam(p: number, g: number, m: number, v: number, vmax: number, n: number,
    beta1: number, ob1: number, beta2: number, ob2: number, stepSize: number, c2: number, eps: number): void;
  reluBackward(g: number, y: number, out: number, n: number): void;
  zero(p: number, bytes: number): void;
  channelMoments(x: number, n: number, c: number, mean: number, variance: number): void;
  batchNormForward(x: number, n: number, c: number, mean: number, invStd: number, gamma: number, beta: number, out: number): void;
  batchNormBackward(dy: number, x: number, n: number, c: number, mean: number, invStd: number, gamma: number, batchStats: number,
    dBeta: number, dGamma: number, meanG: number, dx: number): void;
}

const PAGE = 65536;
/** The module's declared maximum (2 GiB), so every pointer fits a signed 32-bit integer. */
export const MAX_PAGES = 32768;

/** Copies shorter than this use `TypedArray.set` even with a native copy: the call would cost more than it saves. */
export const NATIVE_COPY_MIN_LENGTH = 4096;

/**
 * One instance of the kernels on its memory. Memory holds, in order: the per-thread gemm
 * workspaces; a resident region for long-lived storage (Parameters, optimizer state) that
 * kernels read in place; and a scratch region that grows once as needed and is reused by every
 * call. Other inputs are copied into scratch and results copied out into fresh arrays.
 *
 * Resident blocks are handed out once and never reused, even after the garbage collector has
 * taken the array they were given as: other views of the same memory (a `subarray`, or a
 * `structuredClone`, which shares a SharedArrayBuffer's memory instead of copying it) may
 * outlive it, and reusing the block would let a later Parameter write through them. A full
 * region just means later Parameters get ordinary arrays, so memory stays bounded by its size.
 */
export class WasmRuntime {
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  /** Start of the scratch region, after the workspaces and the resident region. */
  readonly scratchBase: number;
  /** Per-thread gemm workspace pointers; index 0 is the calling thread's. */
  readonly workspaces: number[];
  private readonly residents = new WeakSet<Float32Array>();
  private readonly residentBase: number;
  private readonly residentEnd: number;
  private residentTop: number;
  /** Inputs reserved in scratch by `input`, written by `commit`. */
  private readonly pending: [number, Float32Array][] = [];
  private f32view: Float32Array;
  private u8view: Uint8Array;
  private top = 0;

  /**
   * `residentBytes` must be 0 unless the memory is shared: growing an unshared memory detaches
   * every view of it, and resident storage is such a view. `nativeCopy` (createWasmBackend's
   * option of that name) copies large inputs in and results out instead of `TypedArray.set`.
   */
  constructor(
    module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number, residentBytes = 0,
    private readonly nativeCopy?: (src: Float32Array, dst: Float32Array) => void,
  ) {
    this.memory = memory;
    this.exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    const ws = this.exports.gemmWorkspaceBytes();
    this.workspaces = Array.from({ length: threads }, (_, t) => PAGE + t * ws);
    const residentBase = align(PAGE + threads * ws, PAGE);
    this.residentBase = this.residentTop = residentBase;
    this.residentEnd = residentBase + residentBytes;
    this.scratchBase = align(residentBase + residentBytes, PAGE);
    this.ensureBytes(this.scratchBase);
    this.f32view = new Float32Array(memory.buffer);
    this.u8view = new Uint8Array(memory.buffer);
  }

  /**
   * A float32 array in the resident region holding a copy of `values`, or null when `values`
   * is not float32 or empty, or the region has no room left.
   */
  residentCopy(values: ArrayLike<number>): Float32Array | null {
    if (!(values instanceof Float32Array) || values.length === 0) return null;
    const start = this.residentTop;
    if (start + values.byteLength > this.residentEnd) return null;
    this.residentTop = align(start + values.byteLength, 16);
    const view = new Float32Array(this.memory.buffer, start, values.length);
    view.set(values);
    this.residents.add(view);
    return view;
  }

  /** Whether `data` is resident storage of this runtime (kernels read it where it lies). */
  isResident(data: ArrayLike<number>): data is Float32Array {
    return data instanceof Float32Array && this.residents.has(data);
  }

  /** Bytes of the resident region handed out so far. */
  get residentBytes(): number {
    return this.residentTop - this.residentBase;
  }

  /** Starts a fresh scratch layout for one kernel call. */
  reset(): void {
    this.top = this.scratchBase;
    this.pending.length = 0;
  }

  /**
   * The byte offset at which a kernel finds `data`: where it lies when resident, else a
   * scratch slot that `commit` fills.
   */
  input(data: Float32Array): number {
    if (this.residents.has(data)) return data.byteOffset;
    const ptr = this.alloc(data.length);
    this.pending.push([ptr, data]);
    return ptr;
  }

  /** Reserves `count` float32 slots (16-byte aligned) and returns their byte offset. */
  alloc(count: number): number {
    const ptr = this.top;
    this.top = align(ptr + count * 4, 16);
    return ptr;
  }

  /** Reserves `count` bytes (16-byte aligned) and returns their offset. */
  allocBytes(count: number): number {
    const ptr = this.top;
    this.top = align(ptr + count, 16);
    return ptr;
  }

  /** Whether `count` more float32 slots (plus alignment) would still fit the module's maximum. */
  fits(count: number): boolean {
    return this.top + count * 4 + 64 <= MAX_PAGES * PAGE;
  }

  /** Grows the memory (never shrinks) so everything allocated since `reset` is addressable, and copies the inputs in. */
  commit(): void {
    this.ensureBytes(this.top);
    for (const [ptr, data] of this.pending) this.write(ptr, data);
    this.pending.length = 0;
  }

  /** A float32 view of the whole memory, refreshed after growth. */
  get f32(): Float32Array {
    if (this.f32view.buffer !== this.memory.buffer || this.f32view.length * 4 !== this.memory.buffer.byteLength)
      this.f32view = new Float32Array(this.memory.buffer);
    return this.f32view;
  }

  /** A byte view of the whole memory, refreshed after growth. */
  get u8(): Uint8Array {
    if (this.u8view.buffer !== this.memory.buffer || this.u8view.length !== this.memory.buffer.byteLength)
      this.u8view = new Uint8Array(this.memory.buffer);
    return this.u8view;
  }

  /** Copies bytes (bool storage) into memory at `ptr`. */
  writeBytes(ptr: number, data: Uint8Array): void {
    this.u8.set(data, ptr);
  }

  /** Copies `count` bytes at `ptr` out into a fresh (non-shared) array. */
  readBytes(ptr: number, count: number): Uint8Array {
    return this.u8.slice(ptr, ptr + count);
  }

  /** Copies a float32 array into memory at `ptr`. */
  write(ptr: number, data: Float32Array): void {
    this.copy(data, this.f32.subarray(ptr >> 2, (ptr >> 2) + data.length));
  }

  /** Copies a float64 array into memory at `ptr` (8-byte aligned, after `commit`). */
  writeF64(ptr: number, data: Float64Array): void {
    this.u8.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ptr);
  }

  /** Copies `count` float64 values at `ptr` out into a fresh (non-shared) array. */
  readF64(ptr: number, count: number): Float64Array {
    return new Float64Array(this.readBytes(ptr, count * 8).buffer);
  }

  /** Copies `count` float32 values at `ptr` out into an array of their own (non-shared; recycled memory or new). */
  read(ptr: number, count: number): Float32Array {
    // A plain, non-shared array, recycled memory when some is free (every element is copied over).
    const out = uninitializedFloat32(count);
    this.copy(this.f32.subarray(ptr >> 2, (ptr >> 2) + count), out);
    return out;
  }

  /** Copies `src` into `dst` (same length), through `nativeCopy` when it pays for the call. */
  private copy(src: Float32Array, dst: Float32Array): void {
    if (this.nativeCopy && src.length >= NATIVE_COPY_MIN_LENGTH) this.nativeCopy(src, dst);
    else dst.set(src);
  }

  private ensureBytes(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    const pages = Math.ceil((bytes - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES)
      throw new MlpkitError('backend-wasm', `needs ${bytes} bytes of wasm memory, more than the ${MAX_PAGES * PAGE}-byte maximum`);
    this.memory.grow(pages);
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
