import { coreState } from './core-state.js';
import { logHandout } from './handout-log.js';
import { unzeroedFloat32 } from './unzeroed-float32.js';

/** Arrays shorter than this are not kept: small allocations are cheap and stay cache-warm anyway. */
export const RECYCLE_MIN_LENGTH = 1 << 14;
/** At most this many free arrays of one length are kept. */
const PER_LENGTH = 4;
/** At most this many bytes are kept in all. */
const MAX_BYTES = 64 << 20;

/**
 * Takes back a float32 array that nothing references any more, for {@link uninitializedFloat32}
 * to hand out again while its memory is still in the caches: the garbage collector would free
 * it only at its next collection, and a new array would land on memory out of the caches
 * (docs/design.md, "What fresh memory costs"). Autograd's walker calls this for gradients it has
 * consumed and nothing else shares, and a step scope (`openStepScope`) for what a step made.
 * Arrays that are views, in shared memory, small, or beyond the bounds are left to the garbage
 * collector; returns whether `data` was kept.
 */
export function recycleFloat32(data: Float32Array): boolean {
  const n = data.length, buffer = data.buffer;
  if (n < RECYCLE_MIN_LENGTH || data.byteOffset !== 0 || buffer.byteLength !== data.byteLength || !(buffer instanceof ArrayBuffer)) return false;
  // One pool per process (the core state), whichever copy of this package recycles.
  const memory = coreState().memory;
  const list = memory.free.get(n) ?? [];
  // By buffer, not by array: two arrays over one buffer must not both be handed out.
  if (list.length >= PER_LENGTH || memory.keptBytes + data.byteLength > MAX_BYTES || list.some((a) => a.buffer === buffer)) return false;
  list.push(data);
  memory.free.set(n, list);
  memory.keptBytes += data.byteLength;
  return true;
}

/**
 * A float32 array of `length` whose values are left over from an earlier use: for kernels that
 * write every element of their output (a copy, or a BLAS product with beta = 0). The most
 * recently recycled array of that length when there is one, else a new one that was not zeroed
 * ({@link unzeroedFloat32}). A step scope (`openStepScope`) notes the large ones it hands out.
 */
export function uninitializedFloat32(length: number): Float32Array {
  const memory = coreState().memory;
  const data = memory.free.get(length)?.pop();
  if (data) memory.keptBytes -= data.byteLength;
  const out = data ?? unzeroedFloat32(length);
  // Small arrays could not be recycled anyway (recycleFloat32), so a step scope need not know them.
  if (length >= RECYCLE_MIN_LENGTH) logHandout(out);
  return out;
}
