import { timeMs } from './timing.js';
import { peakModuleBytes } from './wasm-peak-module.js';

/** Depth of the tile product: A strip 4 KiB + B strip 8 KiB, well inside any L1d. */
const KC = 256;
const PASSES = 64;

/**
 * GFLOP/s of the wasm matmul's 4×8 register tile with its operands in L1, on one thread: what
 * the micro-kernel reaches with nothing else to do (no packing, no edges, one tile stored per
 * 256 k steps). The bench reports each wasm product as a share of it. Null when this engine
 * cannot run that kernel (`fma` without relaxed SIMD).
 */
export async function wasmPeakGflops(fma: boolean, minMs: number): Promise<number | null> {
  const bytes = peakModuleBytes(fma);
  if (!WebAssembly.validate(bytes)) return null;
  const { peak, memory } = (await WebAssembly.instantiate(bytes)).instance.exports as unknown as {
    peak: (pa: number, pb: number, kc: number, c: number, passes: number) => void; memory: WebAssembly.Memory;
  };
  const f32 = new Float32Array(memory.buffer);
  const pa = 1024, pb = pa + 4 * KC * 4, c = pb + 8 * KC * 4;
  for (let i = 0; i < 12 * KC; i++) f32[pa / 4 + i] = Math.random() * 2 - 1;
  const ms = timeMs(() => peak(pa, pb, KC, c, PASSES), minMs);
  return (2 * 4 * 8 * KC * PASSES) / ms / 1e6;
}
