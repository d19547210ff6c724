import {
  type BinaryPrimitive, type Kernel, type Primitive, type PrimitiveParams, type TensorStorage, storage, type UnaryPrimitive, broadcastShapes,
  referenceKernels, shapesEqual, sizeOf,
} from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';

/** The binary primitives with a wasm kernel, and their op codes in assembly/elementwise.ts. */
export const BINARY_OPS = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 } as const satisfies Partial<Record<BinaryPrimitive, number>>;
/** The unary primitives with a wasm kernel, and their op codes. */
export const UNARY_OPS = {
  neg: 0, abs: 1, sqrt: 2, floor: 3, ceil: 4, round: 5, reciprocal: 6, sign: 7,
} as const satisfies Partial<Record<UnaryPrimitive, number>>;

/** The unary primitives computed by the float32 polynomials of assembly/transcendental.ts. */
export const TRANSCENDENTAL_OPS = { exp: 0, log: 1, tanh: 2, sigmoid: 3 } as const satisfies Partial<Record<UnaryPrimitive, number>>;

const MODE_SAME = 0, MODE_ROW_A = 2, MODE_SCALAR_B = 3, MODE_SCALAR_A = 4;
/** The broadcast mode of `binary` in which b is one row repeated over a's rows (a bias add). */
export const MODE_ROW_B = 1;

/**
 * How `small` (left-padded to `full`'s rank) repeats over `full`: as one value, as a row of
 * the trailing `cols` elements repeated `rows` times, or not in a way the wasm kernel handles.
 */
function repeatOf(small: readonly number[], full: readonly number[]): { rows: number; cols: number } | null {
  const pad = full.length - small.length;
  let j = 0;
  while (j < full.length && (j < pad || small[j - pad] === 1)) j++;
  for (let i = j; i < full.length; i++) if (small[i - pad] !== full[i]) return null;
  return { rows: sizeOf(full.slice(0, j)), cols: sizeOf(full.slice(j)) };
}

/** Picks the wasm broadcast mode for `a op b`, or null when the reference should run. */
export function planBinary(a: TensorStorage, b: TensorStorage, shape: readonly number[]): { mode: number; rows: number; cols: number } | null {
  const size = sizeOf(shape);
  if (shapesEqual(a.shape, b.shape)) return { mode: MODE_SAME, rows: 1, cols: size };
  if (shapesEqual(a.shape, shape)) {
    if (b.data.length === 1) return { mode: MODE_SCALAR_B, rows: 1, cols: size };
    const r = repeatOf(b.shape, shape);
    return r && { mode: MODE_ROW_B, ...r };
  }
  if (shapesEqual(b.shape, shape)) {
    if (a.data.length === 1) return { mode: MODE_SCALAR_A, rows: 1, cols: size };
    const r = repeatOf(a.shape, shape);
    return r && { mode: MODE_ROW_A, ...r };
  }
  return null;
}

/** The wasm entry of a two-input kernel: inputs, output, and the broadcast plan. */
type PairCall = (ap: number, bp: number, outp: number, rows: number, cols: number, mode: number) => void;

/**
 * Runs a float32 two-input kernel (arithmetic with float32 out, or a comparison with bool
 * out) over same shapes, a scalar or a broadcast row; null when the reference must run.
 */
export function runPairKernel(rt: WasmRuntime, op: string, a: TensorStorage, b: TensorStorage, out: 'float32' | 'bool', call: PairCall): TensorStorage | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const shape = broadcastShapes(op, a.shape, b.shape);
  const plan = planBinary(a, b, shape);
  const size = sizeOf(shape);
  if (plan === null || size === 0) return null;
  rt.reset();
  if (!rt.fits(a.data.length + b.data.length + size)) return null;
  const ap = rt.input(a.data as Float32Array), bp = rt.input(b.data as Float32Array);
  const outp = out === 'float32' ? rt.alloc(size) : rt.allocBytes(size);
  rt.commit();
  call(ap, bp, outp, plan.rows, plan.cols, plan.mode);
  return storage(out === 'float32' ? rt.read(outp, size) : rt.readBytes(outp, size), shape);
}

/** A float32 binary kernel: same shapes, a scalar, or a broadcast row vector (bias add); else the reference. */
export function wasmBinary(rt: WasmRuntime, op: keyof typeof BINARY_OPS): Kernel<BinaryPrimitive> {
  const code = BINARY_OPS[op];
  const fallback = referenceKernels[op];
  return (inputs, params) =>
    runPairKernel(rt, op, inputs[0], inputs[1], 'float32', (ap, bp, outp, rows, cols, mode) => rt.exports.binary(code, ap, bp, outp, rows, cols, mode))
    ?? fallback(inputs, params);
}

/** Runs a float32 array through a one-input wasm function that writes `n` outputs. */
function mapUnary(rt: WasmRuntime, x: TensorStorage, call: (xp: number, outp: number, n: number) => void): TensorStorage {
  rt.reset();
  const xp = rt.input(x.data as Float32Array), outp = rt.alloc(x.data.length);
  rt.commit();
  call(xp, outp, x.data.length);
  return storage(rt.read(outp, x.data.length), x.shape);
}

/**
 * A one-input float32 kernel that runs `call` in wasm, or `fallback` for other dtypes, empty
 * tensors and sizes the module's memory cannot hold.
 */
function unaryKernel<P extends Primitive>(rt: WasmRuntime, fallback: Kernel<P>, call: (xp: number, outp: number, n: number, params: PrimitiveParams[P]) => void): Kernel<P> {
  return (inputs, params) => {
    const [x] = inputs;
    if (x.dtype !== 'float32' || x.data.length === 0 || !rt.fits(2 * x.data.length)) return fallback(inputs, params);
    return mapUnary(rt, x, (xp, outp, n) => call(xp, outp, n, params));
  };
}

/** A float32 unary kernel in wasm, the reference's bits; other dtypes go to the reference. */
export function wasmUnary(rt: WasmRuntime, op: keyof typeof UNARY_OPS): Kernel<UnaryPrimitive> {
  const code = UNARY_OPS[op];
  return unaryKernel<UnaryPrimitive>(rt, referenceKernels[op] as Kernel<UnaryPrimitive>, (xp, outp, n) => rt.exports.unary(code, xp, outp, n));
}

/**
 * exp, log, tanh or sigmoid of float32 in wasm, four values at a time: within a few float32
 * ulps of the reference (not its exact bits); other dtypes go to the reference.
 */
export function wasmTranscendental(rt: WasmRuntime, op: keyof typeof TRANSCENDENTAL_OPS): Kernel<UnaryPrimitive> {
  const code = TRANSCENDENTAL_OPS[op];
  return unaryKernel<UnaryPrimitive>(rt, referenceKernels[op] as Kernel<UnaryPrimitive>, (xp, outp, n) => rt.exports.transcendental(code, xp, outp, n));
}

/** float32 clamp in wasm (ReLU is `clamp(x, 0)`); other dtypes go to the reference. */
export function wasmClamp(rt: WasmRuntime): Kernel<'clamp'> {
  return unaryKernel(rt, referenceKernels.clamp, (xp, outp, n, params) => rt.exports.clamp(xp, outp, n, params.min ?? -Infinity, params.max ?? Infinity));
}
