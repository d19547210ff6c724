import type { UpdateKernels } from '@mlpkit/tensor';
import type { WasmRuntime } from './runtime.js';

/**
 * The optimizers' in-place updates, one pass over the weights and state where they lie (all
 * resident), with only the gradient copied in, and not even that when it is resident too (a
 * gradient kept across steps, from longLivedStorage). The bits are those of the JavaScript loops
 * (see assembly/update.ts).
 */
export function wasmUpdates(rt: WasmRuntime): UpdateKernels {
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
      rt.exports.adam(param.byteOffset, gp, m.byteOffset, v.byteOffset, vMax ? vMax.byteOffset : 0, param.length,
        h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, h.stepSize, h.correction2Sqrt, h.eps);
      return true;
    },
  };
}
