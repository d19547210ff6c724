// Float32 storage computed on in float64, two values at a time, as JavaScript computes on a
// Float32Array: each value widened exactly on load and rounded once on store.

/** Two float32 at p as float64 lanes. */
@inline export function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Two float64 lanes stored as float32 at p. */
@inline export function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}
