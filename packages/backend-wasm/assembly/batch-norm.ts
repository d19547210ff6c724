// Batch norm's per-element loops over x [n, c] float32 in float64, two channels at a time. Each
// channel's values are still taken in row order and every expression keeps the order of
// @mlpkit/normalization's JavaScript loops, so sums and values are their bits.

import { load2, store2 } from './lanes';

@inline function at(base: usize, j: i32, shift: i32): usize {
  return base + (<usize>j << shift);
}

/**
 * mean[j] = Σ_r x[r, j] / n, then variance[j] = Σ_r (x[r, j] − mean[j])² / n (biased), both
 * float64 arrays of c values.
 */
export function channelMoments(x: usize, n: i32, c: i32, mean: usize, variance: usize): void {
  memory.fill(mean, 0, <usize>c << 3);
  memory.fill(variance, 0, <usize>c << 3);
  const count = <f64>n;
  for (let r = 0; r < n; r++) {
    const row = x + (<usize>r * <usize>c << 2);
    let j = 0;
    for (; j + 2 <= c; j += 2) v128.store(at(mean, j, 3), f64x2.add(v128.load(at(mean, j, 3)), load2(at(row, j, 2))));
    for (; j < c; j++) store<f64>(at(mean, j, 3), load<f64>(at(mean, j, 3)) + <f64>load<f32>(at(row, j, 2)));
  }
  for (let j = 0; j < c; j++) store<f64>(at(mean, j, 3), load<f64>(at(mean, j, 3)) / count);
  for (let r = 0; r < n; r++) {
    const row = x + (<usize>r * <usize>c << 2);
    let j = 0;
    for (; j + 2 <= c; j += 2) {
      const d = f64x2.sub(load2(at(row, j, 2)), v128.load(at(mean, j, 3)));
      v128.store(at(variance, j, 3), f64x2.add(v128.load(at(variance, j, 3)), f64x2.mul(d, d)));
    }
    for (; j < c; j++) {
      const d = <f64>load<f32>(at(row, j, 2)) - load<f64>(at(mean, j, 3));
      store<f64>(at(variance, j, 3), load<f64>(at(variance, j, 3)) + d * d);
    }
  }
  for (let j = 0; j < c; j++) store<f64>(at(variance, j, 3), load<f64>(at(variance, j, 3)) / count);
}

/** out[r, j] = ((x[r, j] − mean[j])·invStd[j])·gamma[j] + beta[j], rounded once to float32. */
export function batchNormForward(x: usize, n: i32, c: i32, mean: usize, invStd: usize, gamma: usize, beta: usize, out: usize): void {
  for (let r = 0; r < n; r++) {
    const offset = <usize>r * <usize>c << 2;
    const row = x + offset, dst = out + offset;
    let j = 0;
    for (; j + 2 <= c; j += 2) {
      const centred = f64x2.sub(load2(at(row, j, 2)), v128.load(at(mean, j, 3)));
      const scaled = f64x2.mul(f64x2.mul(centred, v128.load(at(invStd, j, 3))), v128.load(at(gamma, j, 3)));
      store2(at(dst, j, 2), f64x2.add(scaled, v128.load(at(beta, j, 3))));
    }
    for (; j < c; j++) {
      const y = ((<f64>load<f32>(at(row, j, 2)) - load<f64>(at(mean, j, 3))) * load<f64>(at(invStd, j, 3))) * load<f64>(at(gamma, j, 3)) + load<f64>(at(beta, j, 3));
      store<f32>(at(dst, j, 2), <f32>y);
    }
  }
}

/**
 * dBeta[j] = Σ_r dy[r, j] and dGamma[j] = Σ_r dy[r, j]·x̂[r, j] with x̂ = (x − mean)·invStd;
 * then, with batch statistics, meanG[j] = (gamma[j]·dBeta[j]) / n and
 * dx = invStd·((dy·gamma − meanG) − ((x̂·gamma)·dGamma) / n); without, dx = (dy·gamma)·invStd.
 * dBeta, dGamma and meanG are float64 arrays of c values; dx is float32 like dy and x.
 */
export function batchNormBackward(
  dy: usize, x: usize, n: i32, c: i32, mean: usize, invStd: usize, gamma: usize, batchStats: i32,
  dBeta: usize, dGamma: usize, meanG: usize, dx: usize,
): void {
  memory.fill(dBeta, 0, <usize>c << 3);
  memory.fill(dGamma, 0, <usize>c << 3);
  const m = <f64>n;
  for (let r = 0; r < n; r++) {
    const offset = <usize>r * <usize>c << 2;
    let j = 0;
    for (; j + 2 <= c; j += 2) {
      const d = load2(at(dy + offset, j, 2));
      const xHat = f64x2.mul(f64x2.sub(load2(at(x + offset, j, 2)), v128.load(at(mean, j, 3))), v128.load(at(invStd, j, 3)));
      v128.store(at(dBeta, j, 3), f64x2.add(v128.load(at(dBeta, j, 3)), d));
      v128.store(at(dGamma, j, 3), f64x2.add(v128.load(at(dGamma, j, 3)), f64x2.mul(d, xHat)));
    }
    for (; j < c; j++) {
      const d = <f64>load<f32>(at(dy + offset, j, 2));
      const xHat = (<f64>load<f32>(at(x + offset, j, 2)) - load<f64>(at(mean, j, 3))) * load<f64>(at(invStd, j, 3));
      store<f64>(at(dBeta, j, 3), load<f64>(at(dBeta, j, 3)) + d);
      store<f64>(at(dGamma, j, 3), load<f64>(at(dGamma, j, 3)) + d * xHat);
    }
  }
  if (batchStats) {
    for (let j = 0; j < c; j++) store<f64>(at(meanG, j, 3), (load<f64>(at(gamma, j, 3)) * load<f64>(at(dBeta, j, 3))) / m);
  }
  const mv = f64x2.splat(m);
  for (let r = 0; r < n; r++) {
    const offset = <usize>r * <usize>c << 2;
    let j = 0;
    for (; j + 2 <= c; j += 2) {
      const g = f64x2.mul(load2(at(dy + offset, j, 2)), v128.load(at(gamma, j, 3)));
      const s = v128.load(at(invStd, j, 3));
      let v: v128;
      if (batchStats) {
        const xHat = f64x2.mul(f64x2.sub(load2(at(x + offset, j, 2)), v128.load(at(mean, j, 3))), s);
        const t = f64x2.div(f64x2.mul(f64x2.mul(xHat, v128.load(at(gamma, j, 3))), v128.load(at(dGamma, j, 3))), mv);
        v = f64x2.mul(s, f64x2.sub(f64x2.sub(g, v128.load(at(meanG, j, 3))), t));
      } else v = f64x2.mul(g, s);
      store2(at(dx + offset, j, 2), v);
    }
    for (; j < c; j++) {
      const g = <f64>load<f32>(at(dy + offset, j, 2)) * load<f64>(at(gamma, j, 3));
      const s = load<f64>(at(invStd, j, 3));
      let v: f64;
      if (batchStats) {
        const xHat = (<f64>load<f32>(at(x + offset, j, 2)) - load<f64>(at(mean, j, 3))) * s;
        v = s * ((g - load<f64>(at(meanG, j, 3))) - ((xHat * load<f64>(at(gamma, j, 3))) * load<f64>(at(dGamma, j, 3))) / m);
      } else v = g * s;
      store<f32>(at(dx + offset, j, 2), <f32>v);
    }
  }
}
