/** Arrays shorter than this are zeroed as usual: skipping it saves nothing measurable on them. */
export const UNZEROED_MIN_LENGTH = 1 << 14;

type AllocUnsafeSlow = (bytes: number) => Uint8Array;

/** Node's `Buffer.allocUnsafeSlow` where there is one (browsers: none, or a polyfill's). */
const nodeAllocUnsafeSlow: AllocUnsafeSlow | null = (() => {
  const buffer = (globalThis as { Buffer?: { allocUnsafeSlow?: AllocUnsafeSlow } }).Buffer;
  return typeof buffer?.allocUnsafeSlow === 'function' ? buffer.allocUnsafeSlow.bind(buffer) : null;
})();

/**
 * A new float32 array of `length` whose memory Node has not zeroed, for a writer that sets
 * every element before anything reads it. `new Float32Array(n)` asks the C library for zeroed
 * memory, and memory it reuses (backend-blas keeps freed buffers for reuse) must then be
 * cleared with a memset: for W1's 3.2 MB batch at 1024 that was 0.2 ms of a 0.7 ms gather. The
 * array owns its whole buffer (offset 0, exact length), as `recycleFloat32` requires. Where
 * there is no `Buffer` (browsers), or for short arrays, it is an ordinary zeroed array.
 */
export function unzeroedFloat32(length: number, allocUnsafeSlow: AllocUnsafeSlow | null = nodeAllocUnsafeSlow): Float32Array {
  if (allocUnsafeSlow === null || length < UNZEROED_MIN_LENGTH) return new Float32Array(length);
  const bytes = allocUnsafeSlow(length * 4);
  // A polyfill may hand out a view into a shared pool: then take an ordinary array instead.
  if (bytes.byteOffset !== 0 || bytes.buffer.byteLength !== length * 4 || !(bytes.buffer instanceof ArrayBuffer)) return new Float32Array(length);
  return new Float32Array(bytes.buffer, 0, length);
}
