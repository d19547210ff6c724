// Float32 sums accumulated in float64, as the reference backend does, so results agree with
// it to the last bit (leading-dim sums keep its order exactly).

/**
 * out[c] = Σ_r x[r*cols + c] (a sum over leading dims, e.g. the bias gradient Σ dY). `acc`
 * points at cols float64 values of scratch. Rows are added in order, as the reference does.
 */
export function sumLeading(x: usize, out: usize, rows: i32, cols: i32, acc: usize): void {
  memory.fill(acc, 0, <usize>cols << 3);
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>cols << 2);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const v = v128.load(row + (<usize>c << 2));
      const p = acc + (<usize>c << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.promote_low_f32x4(v)));
      const hi = v128.shuffle<f32>(v, v, 2, 3, 2, 3);
      v128.store(p, f64x2.add(v128.load(p, 16), f64x2.promote_low_f32x4(hi)), 16);
    }
    for (; c < cols; c++) {
      const p = acc + (<usize>c << 3);
      store<f64>(p, load<f64>(p) + <f64>load<f32>(row + (<usize>c << 2)));
    }
  }
  for (let c = 0; c < cols; c++) store<f32>(out + (<usize>c << 2), <f32>load<f64>(acc + (<usize>c << 3)));
}

/** out[r] = Σ_c x[r*cols + c] (a sum over trailing dims), accumulated in float64. */
export function sumTrailing(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>cols << 2);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const v = v128.load(row + (<usize>c << 2));
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)));
    }
    let s = (f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s1, 0)) + (f64x2.extract_lane(s0, 1) + f64x2.extract_lane(s1, 1));
    for (; c < cols; c++) s += <f64>load<f32>(row + (<usize>c << 2));
    store<f32>(out + (<usize>r << 2), <f32>s);
  }
}
