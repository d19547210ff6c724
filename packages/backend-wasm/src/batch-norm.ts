import type { BatchNormStats, FusedKernels, TensorStorage } from '@mlpkit/tensor';
import { storage } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';

type BatchNormKernels = Pick<FusedKernels, 'channelMoments' | 'batchNorm' | 'batchNormBackward'>;

/** [N, C] float32 with values in it: what the kernels take; anything else is declined. */
function rowsOf(x: TensorStorage): [number, number] | null {
  if (x.dtype !== 'float32' || x.shape.length !== 2 || x.data.length === 0) return null;
  return [x.shape[0], x.shape[1]];
}

/** Whether every statistic has one value per channel. */
function fitsChannels(stats: BatchNormStats, c: number): boolean {
  return [stats.mean, stats.invStd, stats.gamma, stats.beta].every((s) => s.length === c);
}

/**
 * Batch norm's loops in wasm, float64 two channels at a time in the JavaScript loops' order, so
 * the bits are theirs (see assembly/batch-norm.ts). Inputs are copied in and results out; the
 * per-channel float64 arrays go in and out as bytes.
 */
export function wasmBatchNorm(rt: WasmRuntime): BatchNormKernels {
  /** Scratch for the float32 inputs, `f64` float64 arrays of c values, and a float32 output if asked. */
  const layout = (inputs: Float32Array[], c: number, f64: number, outCount: number) => {
    rt.reset();
    if (!rt.fits(inputs.reduce((s, a) => s + a.length, 0) + 2 * c * f64 + outCount)) return null;
    const ptrs = inputs.map((a) => rt.input(a));
    const stats = Array.from({ length: f64 }, () => rt.allocBytes(8 * c));
    const out = outCount ? rt.alloc(outCount) : 0;
    rt.commit();
    return { ptrs, stats, out };
  };
  return {
    channelMoments(x) {
      const dims = rowsOf(x);
      if (!dims) return null;
      const [n, c] = dims;
      const l = layout([x.data as Float32Array], c, 2, 0);
      if (!l) return null;
      rt.exports.channelMoments(l.ptrs[0], n, c, l.stats[0], l.stats[1]);
      return { mean: rt.readF64(l.stats[0], c), variance: rt.readF64(l.stats[1], c) };
    },

    batchNorm(x, stats) {
      const dims = rowsOf(x);
      if (!dims || !fitsChannels(stats, dims[1])) return null;
      const [n, c] = dims;
      const l = layout([x.data as Float32Array], c, 4, n * c);
      if (!l) return null;
      const [mp, sp, gp, bp] = l.stats;
      [stats.mean, stats.invStd, stats.gamma, stats.beta].forEach((s, i) => rt.writeF64(l.stats[i], s));
      rt.exports.batchNormForward(l.ptrs[0], n, c, mp, sp, gp, bp, l.out);
      return storage(rt.read(l.out, n * c), x.shape);
    },

    batchNormBackward(dy, x, stats, batchStats) {
      const dims = rowsOf(x);
      if (!dims || !fitsChannels(stats, dims[1]) || dy.dtype !== 'float32' || dy.data.length !== x.data.length) return null;
      const [n, c] = dims;
      const l = layout([dy.data as Float32Array, x.data as Float32Array], c, 6, n * c);
      if (!l) return null;
      const [mp, sp, gp, dbp, dgp, mgp] = l.stats;
      [stats.mean, stats.invStd, stats.gamma].forEach((s, i) => rt.writeF64(l.stats[i], s));
      rt.exports.batchNormBackward(l.ptrs[0], l.ptrs[1], n, c, mp, sp, gp, batchStats ? 1 : 0, dbp, dgp, mgp, l.out);
      return { dx: storage(rt.read(l.out, n * c), x.shape), dGamma: rt.readF64(dgp, c), dBeta: rt.readF64(dbp, c) };
    },
  };
}
