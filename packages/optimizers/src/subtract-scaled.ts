import { fusedAxpy } from '@mlpkit/tensor';
import type { FloatArray } from './param.js';

// One copy of the loop per storage type: a loop that has seen both Float32Array and
// Float64Array is polymorphic in V8 and runs about twice as slow. Unrolled by four, which
// V8's optimizer does not do itself (plain SGD on 200 000 float32 weights: ~140 µs, not 270).
function subtractScaled32(param: Float32Array, grad: Float32Array, scale: number): void {
  const n = param.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    param[i] -= scale * grad[i];
    param[i + 1] -= scale * grad[i + 1];
    param[i + 2] -= scale * grad[i + 2];
    param[i + 3] -= scale * grad[i + 3];
  }
  for (; i < n; i++) param[i] -= scale * grad[i];
}

function subtractScaledAny(param: FloatArray, grad: ArrayLike<number>, scale: number): void {
  const n = param.length;
  for (let i = 0; i < n; i++) param[i] -= scale * grad[i];
}

/**
 * param ← param − scale·grad, in place (the update of plain SGD). Where the parameter lives in
 * the backend's own memory the backend does it there, with the same bits as these loops (a
 * NaN's sign aside).
 */
export function subtractScaled(param: FloatArray, grad: ArrayLike<number>, scale: number): void {
  if (param instanceof Float32Array && grad instanceof Float32Array) {
    if (!fusedAxpy(param, -scale, grad)) subtractScaled32(param, grad, scale);
  }
  else subtractScaledAny(param, grad, scale);
}
