import { MlpkitError, type Tensor, checkOptions, formatShape, zerosLike } from '@mlpkit/tensor';
import { numericJacobian } from './numeric-jacobian.js';
import { requiresGrad } from './requires-grad.js';

export interface GradcheckOptions {
  /** Central-difference step. */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw on a mismatch (default) instead of only reporting it. */
  raiseException?: boolean;
}

/** The worst disagreement found for one input. */
export interface GradcheckInputReport {
  input: number;
  maxAbsError: number;
  /** Flat position of the worst element and the output element it was seen through. */
  position: number;
  outputPosition: number;
  analytic: number;
  numeric: number;
  ok: boolean;
}

const GRADCHECK_OPTIONS = ['eps', 'atol', 'rtol', 'raiseException'] as const satisfies readonly (keyof GradcheckOptions)[];

export interface GradcheckReport {
  ok: boolean;
  inputs: GradcheckInputReport[];
}

/**
 * Compares the analytic gradients autograd computes for `fn` with central finite
 * differences, element by element of the full Jacobian, in float64. Reports the worst
 * error per input and throws (by default) when any element is outside atol + rtol·|numeric|.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  checkOptions('gradcheck', options, GRADCHECK_OPTIONS);
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = options;
  inputs.forEach((x, i) => {
    if (x.dtype !== 'float64')
      throw new MlpkitError('gradcheck', `expected float64 inputs (float32 finite differences are too coarse), got ${x.dtype} for input ${i}`);
  });
  const leaves = inputs.map((x) => requiresGrad(x.detach()));
  const output = fn(...leaves);
  const outSize = output.size;
  // analytic[i][o * n + p]: d output[o] / d input[i][p]
  const analytic = leaves.map((x) => new Float64Array(outSize * x.size));
  for (let o = 0; o < outSize; o++) {
    leaves.forEach((x) => { x.grad = null; });
    const seed = zerosLike(output);
    seed.data[o] = 1;
    fn(...leaves).backward(seed);
    leaves.forEach((x, i) => { if (x.grad) analytic[i].set(x.grad.data, o * x.size); });
  }
  const numeric = numericJacobian(fn, leaves, eps);
  const reports = leaves.map((x, i): GradcheckInputReport => {
    // The reported element is the one furthest past its tolerance (or closest to it).
    let worst: GradcheckInputReport = { input: i, maxAbsError: 0, position: 0, outputPosition: 0, analytic: 0, numeric: 0, ok: true };
    let worstExcess = -Infinity;
    let maxAbsError = 0;
    for (let at = 0; at < analytic[i].length; at++) {
      const a = analytic[i][at], n = numeric[i][at];
      const err = Math.abs(a - n);
      const excess = err - (atol + rtol * Math.abs(n));
      maxAbsError = Math.max(maxAbsError, err);
      if (excess > worstExcess) {
        worstExcess = excess;
        const position = at % x.size, outputPosition = Math.floor(at / x.size);
        worst = { input: i, maxAbsError: 0, position, outputPosition, analytic: a, numeric: n, ok: excess <= 0 };
      }
    }
    return { ...worst, maxAbsError };
  });
  const ok = reports.every((r) => r.ok);
  if (!ok && raiseException) {
    const bad = reports.find((r) => !r.ok)!;
    throw new MlpkitError('gradcheck',
      `analytic and numeric gradients disagree for input ${bad.input} (shape ${formatShape(inputs[bad.input].shape)}) at element ${bad.position}, output element ${bad.outputPosition}: analytic ${bad.analytic} vs numeric ${bad.numeric} (max abs error ${bad.maxAbsError})`);
  }
  return { ok, inputs: reports };
}
