// Fused kernels for the courses' hot paths that are not a product: ReLU's backward.

/**
 * out[i] = y[i] > 0 ? g[i] : 0 over n float32 values (ReLU's backward through its output):
 * the same bits as where(y > 0, g, 0), NaN in y giving 0, in one pass with no mask array.
 */
export function reluBackward(g: usize, y: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    v128.store(out + off, v128.and(v128.load(g + off), f32x4.gt(v128.load(y + off), zero)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    store<f32>(out + off, load<f32>(y + off) > 0 ? load<f32>(g + off) : 0);
  }
}
