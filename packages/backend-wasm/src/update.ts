import type { Backend } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';

/**
 * The backend's in-place y ← y + alpha·x for resident float32 storage (a Parameter's values):
 * plain SGD's whole update, one SIMD pass over the weights where they lie, with only the
 * gradient copied in. Bit-for-bit what the JavaScript loop computes (see assembly/update.ts).
 */
export function wasmAxpy(rt: WasmRuntime): NonNullable<Backend['axpy']> {
  return (y, alpha, x) => {
    if (!rt.isResident(y) || !(x instanceof Float32Array) || x.length !== y.length) return false;
    rt.reset();
    if (!rt.fits(x.length)) return false;
    const xp = rt.input(x);
    rt.commit();
    rt.exports.axpy(y.byteOffset, xp, y.length, alpha);
    return true;
  };
}
