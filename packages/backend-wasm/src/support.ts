// A module whose only function returns a v128 constant: it validates only where the engine
// implements fixed-width SIMD.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, // code: v128.const
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0x0b, // end
]);

/** Whether this engine has WebAssembly with 128-bit SIMD (Node >= 16.4, current browsers). */
export function isWasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * Whether a shared WebAssembly.Memory can be created here: Node always, a browser page only
 * when it is cross-origin isolated. Worker threads need it.
 */
export function canShareWasmMemory(): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** Decodes base64 with `atob` (global in browsers and Node >= 16). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Whether matmul should use fused multiply-add on a CPU of this name. AMD's Zen cores have two
 * add pipes beside their two multiply/FMA pipes, so a separate multiply and add keeps all four
 * busy and measured 5–15 % faster than FMA with the 8 accumulators V8 leaves the micro-kernel;
 * Intel cores add on their FMA ports, where FMA measured 20–25 % faster. Decided from the name,
 * not by timing, so that one machine always computes the same bits (machines of different
 * makers may differ in the last bits, as they may anyway); unknown names get FMA.
 */
export function prefersFusedMultiplyAdd(cpuModel: string): boolean {
  return !/\bAMD\b/i.test(cpuModel);
}
