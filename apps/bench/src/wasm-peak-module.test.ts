import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { peakModuleBytes } from './wasm-peak-module.js';

// Node 20 has relaxed SIMD behind a flag (Node 22 by default); turn it on to test the FMA tile too.
setFlagsFromString('--experimental-wasm-relaxed-simd');

describe.each([false, true])('the peak tile module (fma: %s)', (fma) => {
  it('computes the 4×8 tile of the packed strips\' product, pass after pass', async () => {
    const bytes = peakModuleBytes(fma);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { peak, memory } = (await WebAssembly.instantiate(bytes)).instance.exports as unknown as {
      peak: (pa: number, pb: number, kc: number, c: number, passes: number) => void; memory: WebAssembly.Memory;
    };
    const kc = 5, f32 = new Float32Array(memory.buffer);
    const pa = 64, pb = pa + 16 * kc, c = pb + 32 * kc;
    for (let i = 0; i < 12 * kc; i++) f32[pa / 4 + i] = ((i * 7) % 11) - 5;
    peak(pa, pb, kc, c, 3);
    for (let r = 0; r < 4; r++) for (let j = 0; j < 8; j++) {
      let want = 0;
      for (let k = 0; k < kc; k++) want += f32[pa / 4 + 4 * k + r] * f32[pb / 4 + 8 * k + j];
      expect(f32[c / 4 + 8 * r + j], `tile (${r}, ${j})`).toBe(want);
    }
  });
});
