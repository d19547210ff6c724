// In-place updates of resident storage: the optimizers' per-step loops over every weight.

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
 * Float32Array, so an update gives the same bits in wasm as in JavaScript.
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
