// In-place updates of resident storage: the optimizers' per-step loops over every weight.

import { load2, store2 } from './lanes';

// Lanes 2 and 3 of a float32 vector moved to lanes 0 and 1, for promote_low.
@inline function high(v: v128): v128 {
  return v128.shuffle<f32>(v, v, 2, 3, 0, 1);
}

// y + alpha·x for two float32 lanes, in float64 as JavaScript computes it.
@inline function axpy2(y: v128, x: v128, alpha: v128): v128 {
  return f64x2.add(f64x2.promote_low_f32x4(y), f64x2.mul(alpha, f64x2.promote_low_f32x4(x)));
}

/**
 * y[i] ← y[i] + alpha·x[i] over n float32 values. Each value is computed in float64 and rounded
 * once to float32, exactly as the optimizers' JavaScript loop `y[i] += alpha * x[i]` does on a
 * Float32Array, so an update gives the same bits in wasm as in JavaScript (a NaN's sign aside).
 */
export function axpy(y: usize, x: usize, n: i32, alpha: f64): void {
  const a = f64x2.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const yv = v128.load(y + off), xv = v128.load(x + off);
    const lo = f32x4.demote_f64x2_zero(axpy2(yv, xv, a));
    const hi = f32x4.demote_f64x2_zero(axpy2(high(yv), high(xv), a));
    v128.store(y + off, v128.shuffle<f32>(lo, hi, 0, 1, 4, 5));
  }
  for (; i < n; i++) {
    const p = y + (<usize>i << 2);
    store<f32>(p, <f32>(<f64>load<f32>(p) + alpha * <f64>load<f32>(x + (<usize>i << 2))));
  }
}

// Two float64 lanes rounded to float32 and back: what storing into a Float32Array and reading it back gives.
@inline function round32(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

/**
 * One Adam step over n float32 weights p with gradient g and moments m, v (and the running
 * maximum vmax for AMSGrad, when vmax is not 0), two values at a time in float64, each rounded
 * to float32 on store, in the order of the optimizers' JavaScript loop, so the bits match:
 *   m ← β₁m + (1−β₁)g;  v ← β₂v + ((1−β₂)g)g;  s ← amsgrad ? (vmax ← max(vmax, v)) : v;
 *   p ← p − (stepSize·m) / (√s / c2 + eps)
 * `ob1` and `ob2` are 1−β₁ and 1−β₂ as JavaScript computes them.
 */
export function adam(
  p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32,
  beta1: f64, ob1: f64, beta2: f64, ob2: f64, stepSize: f64, c2: f64, eps: f64,
): void {
  const b1 = f64x2.splat(beta1), o1 = f64x2.splat(ob1), b2 = f64x2.splat(beta2), o2 = f64x2.splat(ob2);
  const step = f64x2.splat(stepSize), c = f64x2.splat(c2), e = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const off = <usize>i << 2;
    const gi = load2(g + off);
    const mi = round32(f64x2.add(f64x2.mul(b1, load2(m + off)), f64x2.mul(o1, gi)));
    const vi = round32(f64x2.add(f64x2.mul(b2, load2(v + off)), f64x2.mul(f64x2.mul(o2, gi), gi)));
    store2(m + off, mi);
    store2(v + off, vi);
    let second = vi;
    if (vmax) {
      second = f64x2.max(load2(vmax + off), vi);
      store2(vmax + off, second);
    }
    const update = f64x2.div(f64x2.mul(step, mi), f64x2.add(f64x2.div(f64x2.sqrt(second), c), e));
    store2(p + off, f64x2.sub(load2(p + off), update));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const gi = <f64>load<f32>(g + off);
    const mi = <f32>(beta1 * <f64>load<f32>(m + off) + ob1 * gi);
    const vi = <f32>(beta2 * <f64>load<f32>(v + off) + ob2 * gi * gi);
    store<f32>(m + off, mi);
    store<f32>(v + off, vi);
    let second = <f64>vi;
    if (vmax) {
      const mx = <f32>max(<f64>load<f32>(vmax + off), second);
      store<f32>(vmax + off, mx);
      second = <f64>mx;
    }
    const pi = <f64>load<f32>(p + off);
    store<f32>(p + off, <f32>(pi - (stepSize * <f64>mi) / (sqrt(second) / c2 + eps)));
  }
}

/**
 * One SGD-with-momentum step over n float32 weights, two at a time in float64, as the
 * JavaScript loop computes it:
 *   b ← first ? g : μb + (1−dampening)g;  p ← p − lr·(nesterov ? g + μb : b)
 * `od` is 1−dampening; bit 0 of `flags` is "first step", bit 1 "Nesterov".
 */
export function sgdMomentum(p: usize, g: usize, b: usize, n: i32, momentum: f64, od: f64, lr: f64, flags: i32): void {
  const first = (flags & 1) != 0, nesterov = (flags & 2) != 0;
  const mu = f64x2.splat(momentum), o = f64x2.splat(od), rate = f64x2.splat(lr);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const off = <usize>i << 2;
    const gi = load2(g + off);
    const bi = first ? gi : round32(f64x2.add(f64x2.mul(mu, load2(b + off)), f64x2.mul(o, gi)));
    store2(b + off, bi);
    const step = nesterov ? f64x2.add(gi, f64x2.mul(mu, bi)) : bi;
    store2(p + off, f64x2.sub(load2(p + off), f64x2.mul(rate, step)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const gi = <f64>load<f32>(g + off);
    const bi = first ? <f32>gi : <f32>(momentum * <f64>load<f32>(b + off) + od * gi);
    store<f32>(b + off, bi);
    const pi = <f64>load<f32>(p + off);
    store<f32>(p + off, <f32>(pi - lr * (nesterov ? gi + momentum * <f64>bi : <f64>bi)));
  }
}

/** bytes bytes at p set to zero (a gradient cleared in place), in one bulk fill. */
export function zero(p: usize, bytes: usize): void {
  memory.fill(p, 0, bytes);
}
