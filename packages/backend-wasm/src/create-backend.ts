import { type Backend, type KernelTable, MlpkitError, checkBoolean, checkOptions, describe, referenceKernels } from '@mlpkit/tensor';
import { controlLength } from './control.js';
import { wasmBinary, wasmClamp, wasmTranscendental, wasmUnary } from './elementwise.js';
import { KERNELS_WASM, KERNELS_WASM_SHARED, KERNELS_WASM_SHARED_RELAXED } from './generated/kernels-wasm.js';
import { wasmMatmul } from './matmul.js';
import { wasmSum } from './reduce.js';
import { wasmUpdates } from './update.js';
import { wasmFused } from './fused.js';
import { wasmBatchNorm } from './batch-norm.js';
import { wasmCompare, wasmWhere } from './select.js';
import { MAX_PAGES, WasmRuntime } from './runtime.js';
import { canShareWasmMemory, decodeBase64, isWasmSimdSupported } from './support.js';
import { browserThreadHost } from './browser-thread-host.js';
import type { ThreadHost } from './thread-host.js';
import { ThreadPool } from './thread-pool.js';

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Threads that share each large matrix product, counting the calling thread. Default: one
   * per core with `@mlpkit/backend-wasm/node`, or in a cross-origin isolated browser page or
   * worker (Web Workers); else 1, since more needs a way to start threads that share memory.
   * At most 256.
   */
  threads?: number;
  /**
   * How long (ms) an idle worker spins before it sleeps in Atomics.wait. Spinning makes the
   * next hand-off cheaper, but a spinning worker takes a core from V8's own background threads
   * (garbage collector, compiler): on a 2-core machine W1 training steps ran 10–15 % slower
   * with 2 ms of spinning than with none. Default 0 (sleep at once); raise it for back-to-back
   * products with nothing in between. At most 1000.
   */
  spinMs?: number;
  /**
   * Use fused multiply-add (WebAssembly relaxed SIMD) in matmul when the engine has it: Node
   * >= 22 and current Chrome do; Node 20 only with `--experimental-wasm-relaxed-simd`. By
   * default it is used where it is the faster kernel: everywhere but on AMD CPUs in Node, whose
   * separate add pipes make multiply-then-add faster. Fused results round once instead of
   * twice, so they differ from the plain kernel in the last bits; set true or false to pin the
   * choice (false: the plain multiply-then-add kernel, the same bits on every machine).
   */
  relaxedSimd?: boolean;
  /**
   * Size (MiB) of the region of wasm memory that holds Parameters, their gradients when they
   * are zeroed in place, and optimizer state, so that kernels read weights where they lie and
   * SGD and Adam update them there. Address space only: pages cost memory once used. Blocks are
   * never reused (a shared copy of a collected Parameter's array may still be read), so a
   * process that builds many models fills it, and then new Parameters are ordinary arrays:
   * memory stays bounded by this size. Default 128; 0 turns it off. Needs a shared memory
   * (always in Node; in browsers only when cross-origin isolated).
   */
  residentMiB?: number;
  /**
   * Copies `src` into `dst` (same length; one of them lies in the backend's shared wasm
   * memory), for the inputs a kernel copies in and the results it copies out. Without it they
   * use `TypedArray.set`, which V8 runs at about half memcpy's speed when either side is a
   * SharedArrayBuffer (1 MB: 56–61 µs against 25 µs). A host with native code passes one;
   * `@mlpkit/backend-blas` passes its BLAS's `scopy`. Used for arrays of 4096 floats or
   * more, where the saving pays for the call.
   */
  nativeCopy?: (src: Float32Array, dst: Float32Array) => void;
}

const OPTION_NAMES = ['threads', 'spinMs', 'relaxedSimd', 'residentMiB', 'nativeCopy'] as const satisfies readonly (keyof WasmBackendOptions)[];

/** The most threads a backend starts: more than any machine's cores, few enough that a typo (2⁴⁰) is an error, not a crash. */
const MAX_THREADS = 256;

/** The longest spin: a worker spinning a whole second after each job already takes a core for nothing. */
const MAX_SPIN_MS = 1000;

/** Throws on an option of the wrong type or range; a worker compares its clock to spinMs, which NaN or a string would make spin forever. */
function checkBackendOptions(options: WasmBackendOptions): void {
  checkOptions('createWasmBackend', options, OPTION_NAMES);
  const { threads, spinMs, relaxedSimd, nativeCopy } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
    throw new MlpkitError('createWasmBackend', `expected threads to be a positive integer, got ${typeof threads === 'number' ? threads : describe(threads)}`);
  if (threads !== undefined && threads > MAX_THREADS)
    throw new MlpkitError('createWasmBackend', `threads: ${threads} is more than the ${MAX_THREADS} threads a backend may start`);
  if (spinMs !== undefined && !(typeof spinMs === 'number' && spinMs >= 0 && spinMs <= MAX_SPIN_MS))
    throw new MlpkitError('createWasmBackend', `expected spinMs to be a number of milliseconds in 0..${MAX_SPIN_MS}, got ${describe(spinMs)}`);
  if (relaxedSimd !== undefined) checkBoolean('createWasmBackend', 'relaxedSimd', relaxedSimd);
  if (nativeCopy !== undefined && typeof nativeCopy !== 'function')
    throw new MlpkitError('createWasmBackend', `expected nativeCopy to be a function (src, dst) => void, got ${describe(nativeCopy)}`);
}

/** The wasm backend: a {@link Backend} plus what it runs on. */
export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  /** Threads that share a large matrix product (1 means the calling thread alone). */
  readonly threads: number;
  /** Whether matmul uses fused multiply-add (relaxed SIMD; see {@link WasmBackendOptions.relaxedSimd}). */
  readonly fusedMultiplyAdd: boolean;
  /**
   * Stops the worker threads early. Optional: workers never keep a process alive and are
   * stopped when the backend is garbage-collected. Kernels of a closed backend with threads
   * throw; create a new backend instead.
   */
  close(): void;
  /**
   * Bytes of wasm memory reserved: the resident region's address space (pages cost memory only
   * once Parameters use them) plus the scratch region, grown once to the largest call's needs
   * and then reused (never per call).
   */
  readonly memoryBytes: number;
  /** Bytes of the resident region that Parameters hold now. */
  readonly residentBytes: number;
}

const stopWorkers = new FinalizationRegistry<ThreadPool>((pool) => pool.close());

function wasmKernels(rt: WasmRuntime, pool: ThreadPool | null): KernelTable {
  return {
    ...referenceKernels,
    matmul: wasmMatmul(rt, pool),
    add: wasmBinary(rt, 'add'), sub: wasmBinary(rt, 'sub'), mul: wasmBinary(rt, 'mul'), div: wasmBinary(rt, 'div'),
    maximum: wasmBinary(rt, 'maximum'), minimum: wasmBinary(rt, 'minimum'),
    neg: wasmUnary(rt, 'neg'), abs: wasmUnary(rt, 'abs'), sqrt: wasmUnary(rt, 'sqrt'), floor: wasmUnary(rt, 'floor'),
    ceil: wasmUnary(rt, 'ceil'), round: wasmUnary(rt, 'round'), reciprocal: wasmUnary(rt, 'reciprocal'),
    sign: wasmUnary(rt, 'sign'), clamp: wasmClamp(rt),
    exp: wasmTranscendental(rt, 'exp'), log: wasmTranscendental(rt, 'log'),
    tanh: wasmTranscendental(rt, 'tanh'), sigmoid: wasmTranscendental(rt, 'sigmoid'),
    sum: wasmSum(rt),
    eq: wasmCompare(rt, 'eq'), ne: wasmCompare(rt, 'ne'), lt: wasmCompare(rt, 'lt'), le: wasmCompare(rt, 'le'),
    gt: wasmCompare(rt, 'gt'), ge: wasmCompare(rt, 'ge'), where: wasmWhere(rt),
    ...wasmFused(rt, pool),
    ...wasmBatchNorm(rt),
    ...wasmUpdates(rt, pool),
    residentCopy: (values) => rt.residentCopy(values),
  };
}

/**
 * Starts the workers of a pool of `threads`. Where they cannot start, threads the caller asked
 * for are an error; a default thread count falls back to the calling thread alone.
 */
async function startPool(
  host: ThreadHost, threads: number, module: WebAssembly.Module, memory: WebAssembly.Memory, rt: WasmRuntime, options: WasmBackendOptions,
): Promise<ThreadPool | null> {
  const control = new SharedArrayBuffer(controlLength(threads) * 4);
  try {
    const handles = await host.spawn(threads - 1, module, memory, control, options.spinMs ?? 0);
    return new ThreadPool(new Int32Array(control), threads, handles, rt.workspaces, host.callerMayBlock ?? true);
  } catch (error) {
    if (options.threads === undefined) return null;
    throw new MlpkitError('createWasmBackend', `could not start ${threads - 1} worker thread(s): ${(error as Error).message}`);
  }
}

/**
 * Creates the WebAssembly SIMD backend: on the calling thread, plus Web Workers in a
 * cross-origin isolated browser context (in Node, the one from `@mlpkit/backend-wasm/node`
 * adds worker threads). Choose it with
 * `setBackend(await createWasmBackend())`; nothing happens on import. float32 matmul (every
 * transpose layout, batched and broadcast), elementwise add/sub/mul/div/maximum/minimum (same
 * shape, scalar, or broadcast row), neg/abs/sqrt/floor/ceil/round/reciprocal/sign/clamp,
 * exp/log/tanh/sigmoid (float32 polynomials, within a few ulps), comparisons and where, and
 * leading- or trailing-dim sums run in wasm, as do the fused Linear and ReLU-backward kernels
 * and the SGD and Adam updates on Parameters (which live in its memory); everything else runs
 * the reference kernels.
 *
 * @throws MlpkitError when this engine lacks WebAssembly SIMD, or `threads` is not an integer in
 * 1..256, or asks for more than one thread without a way to start them, or an option has the
 * wrong type (`spinMs` a number in 0..1000, `relaxedSimd` a boolean).
 */
export function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  return createBackendOn(browserThreadHost(), options);
}

/** {@link createWasmBackend} with the threads `host` can start (none when null). */
export async function createBackendOn(host: ThreadHost | null, options: WasmBackendOptions = {}): Promise<WasmBackend> {
  checkBackendOptions(options);
  if (!isWasmSimdSupported())
    throw new MlpkitError('createWasmBackend', 'this JavaScript engine has no WebAssembly SIMD (128-bit fixed-width SIMD, in Node >= 16.4 and current browsers); use the reference backend instead');
  // A default from the host is never refused: a machine with more cores than MAX_THREADS uses that many.
  const requested = options.threads ?? Math.min(host?.parallelism() ?? 1, MAX_THREADS);
  if (requested > 1 && !host)
    throw new MlpkitError('createWasmBackend', `threads: ${requested} needs worker threads: in Node, import createWasmBackend from '@mlpkit/backend-wasm/node'; in a browser, serve the page cross-origin isolated (headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp) so that Web Workers can share its memory`);
  const shared = canShareWasmMemory();
  // Threads need a host to start them and a shared memory; elsewhere the calling thread works alone.
  const threads = host && shared ? requested : 1;
  const memory = shared
    ? new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true })
    : new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
  const wantFused = options.relaxedSimd ?? host?.prefersFusedMultiplyAdd() ?? true;
  const relaxed = shared && wantFused ? decodeBase64(KERNELS_WASM_SHARED_RELAXED) : null;
  const fusedMultiplyAdd = relaxed !== null && WebAssembly.validate(relaxed as Uint8Array<ArrayBuffer>);
  const bytes = fusedMultiplyAdd ? relaxed! : decodeBase64(shared ? KERNELS_WASM_SHARED : KERNELS_WASM);
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  const residentMiB = options.residentMiB ?? 128;
  if (!(residentMiB >= 0 && residentMiB <= 1024))
    throw new MlpkitError('createWasmBackend', `expected residentMiB between 0 and 1024, got ${String(options.residentMiB)}`);
  const rt = new WasmRuntime(module, memory, threads, shared ? Math.floor(residentMiB) * 1024 * 1024 : 0, options.nativeCopy);
  const pool = threads > 1 ? await startPool(host!, threads, module, memory, rt, options) : null;
  const backend: WasmBackend = {
    name: 'wasm',
    threads: pool?.threads ?? 1,
    fusedMultiplyAdd,
    kernels: wasmKernels(rt, pool),
    close: () => pool?.close(),
    get memoryBytes() { return memory.buffer.byteLength; },
    get residentBytes() { return rt.residentBytes; },
  };
  if (pool) stopWorkers.register(backend, pool);
  return backend;
}
