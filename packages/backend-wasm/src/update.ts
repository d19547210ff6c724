import type { UpdateKernels } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';
import { type AdamJob, type ThreadPool, runAdamChunk } from './thread-pool.js';

/**
 * The fewest weights in a chunk of an Adam step shared with the worker threads. Adam's square
 * root and two divisions cost about 3 ns a weight, so a chunk is 50 µs or more, long against
 * the few microseconds of handing it over; a step of fewer than two chunks stays on the
 * calling thread.
 */
const ADAM_MIN_CHUNK = 1 << 14;

/** Chunks of a multiple of 4 weights, four per thread, so that threads finish close together. */
function adamChunk(n: number, threads: number): number {
  return Math.max(ADAM_MIN_CHUNK, Math.ceil(n / (4 * threads) / 4) * 4);
}

/**
 * The optimizers' in-place updates, one pass over the weights and state where they lie (all
 * resident), with only the gradient copied in, and not even that when it is resident too (a
 * gradient kept across steps, from longLivedStorage). The bits are those of the JavaScript loops
 * (see assembly/update.ts). A large Adam step is shared with the pool's worker threads.
 */
export function wasmUpdates(rt: WasmRuntime, pool: ThreadPool | null): UpdateKernels {
  // The gradient's offset in memory, once every array is known to qualify; -1 when one does not.
  const stage = (grad: ArrayLike<number>, n: number, ...state: ArrayLike<number>[]): number => {
    if (!(grad instanceof Float32Array) || grad.length !== n) return -1;
    for (const s of state) if (!rt.isResident(s) || s.length !== n) return -1;
    if (rt.isResident(grad)) return grad.byteOffset;
    rt.reset();
    if (!rt.fits(n)) return -1;
    const gp = rt.input(grad);
    rt.commit();
    return gp;
  };
  return {
    zero(y) {
      if (!rt.isResident(y)) return false;
      rt.exports.zero(y.byteOffset, y.byteLength);
      return true;
    },
    axpy(y, alpha, x) {
      const xp = stage(x, y.length, y);
      if (xp < 0) return false;
      rt.exports.axpy(y.byteOffset, xp, y.length, alpha);
      return true;
    },
    sgdMomentum(param, grad, buffer, h) {
      const gp = stage(grad, param.length, param, buffer);
      if (gp < 0) return false;
      rt.exports.sgdMomentum(param.byteOffset, gp, buffer.byteOffset, param.length, h.momentum, 1 - h.dampening, h.lr, (h.first ? 1 : 0) | (h.nesterov ? 2 : 0));
      return true;
    },
    adam(param, grad, m, v, vMax, h) {
      const gp = vMax ? stage(grad, param.length, param, m, v, vMax) : stage(grad, param.length, param, m, v);
      if (gp < 0) return false;
      const job: AdamJob = {
        p: param.byteOffset, g: gp, m: m.byteOffset, v: v.byteOffset, vmax: vMax ? vMax.byteOffset : 0, n: param.length,
        hyper: [h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, h.stepSize, h.correction2Sqrt, h.eps],
      };
      // Each weight's update is independent of the others', so any split gives the same bits.
      if (pool && job.n >= 2 * ADAM_MIN_CHUNK) pool.runAdam(rt, job, adamChunk(job.n, pool.threads));
      else runAdamChunk(rt, job, 0, job.n);
      return true;
    },
  };
}
