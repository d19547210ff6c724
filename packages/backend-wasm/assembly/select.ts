// Comparisons (float32 in, bool bytes out) and where (bool condition, float32 values), the
// two kernels ReLU's forward and its derivative run on. Results match the reference exactly:
// a comparison of two float32 values is the same in float32 as in float64, and NaN compares
// false except for `ne`, as in JavaScript.

export const C_EQ: i32 = 0;
export const C_NE: i32 = 1;
export const C_LT: i32 = 2;
export const C_LE: i32 = 3;
export const C_GT: i32 = 4;
export const C_GE: i32 = 5;

@inline function vcmp(op: i32, x: v128, y: v128): v128 {
  if (op == C_EQ) return f32x4.eq(x, y);
  if (op == C_NE) return f32x4.ne(x, y);
  if (op == C_LT) return f32x4.lt(x, y);
  if (op == C_LE) return f32x4.le(x, y);
  if (op == C_GT) return f32x4.gt(x, y);
  return f32x4.ge(x, y);
}

@inline function scmp(op: i32, x: f32, y: f32): u8 {
  if (op == C_EQ) return <u8>(x == y);
  if (op == C_NE) return <u8>(x != y);
  if (op == C_LT) return <u8>(x < y);
  if (op == C_LE) return <u8>(x <= y);
  if (op == C_GT) return <u8>(x > y);
  return <u8>(x >= y);
}

// Loads four float32 at p, or broadcasts the one at p when `step` is 0.
@inline function load4(p: usize, step: i32): v128 {
  return step ? v128.load(p) : v128.load32_splat(p);
}

// out[i] = a[i] op b[i] as 0/1 bytes for n elements; a or b held fixed when its step is 0.
@inline function cmpRun(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i = 0;
  const one = i8x16.splat(1);
  for (; i + 16 <= n; i += 16) {
    const pa = a + (<usize>(i * sa) << 2), pb = b + (<usize>(i * sb) << 2);
    const m0 = vcmp(op, load4(pa, sa), load4(pb, sb));
    const m1 = vcmp(op, load4(pa + <usize>(16 * sa), sa), load4(pb + <usize>(16 * sb), sb));
    const m2 = vcmp(op, load4(pa + <usize>(32 * sa), sa), load4(pb + <usize>(32 * sb), sb));
    const m3 = vcmp(op, load4(pa + <usize>(48 * sa), sa), load4(pb + <usize>(48 * sb), sb));
    const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(out + <usize>i, v128.and(bytes, one));
  }
  for (; i < n; i++) {
    store<u8>(out + <usize>i, scmp(op, load<f32>(a + (<usize>(i * sa) << 2)), load<f32>(b + (<usize>(i * sb) << 2))));
  }
}

@inline function cmpOp(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32, mode: i32): void {
  // Modes as in elementwise.ts: 0 same shape, 1 row b, 2 row a, 3 scalar b, 4 scalar a.
  if (mode == 0) { cmpRun(op, a, 1, b, 1, out, rows * cols); return; }
  if (mode == 3) { cmpRun(op, a, 1, b, 0, out, rows * cols); return; }
  if (mode == 4) { cmpRun(op, a, 0, b, 1, out, rows * cols); return; }
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols;
    if (mode == 1) cmpRun(op, a + (o << 2), 1, b, 1, out + o, cols);
    else cmpRun(op, a, 1, b + (o << 2), 1, out + o, cols);
  }
}

/** out (bytes) = a op b over float32, broadcast per `mode` (see elementwise.ts's MODE_*). */
export function compare(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32, mode: i32): void {
  switch (op) {
    case C_EQ: cmpOp(C_EQ, a, b, out, rows, cols, mode); break;
    case C_NE: cmpOp(C_NE, a, b, out, rows, cols, mode); break;
    case C_LT: cmpOp(C_LT, a, b, out, rows, cols, mode); break;
    case C_LE: cmpOp(C_LE, a, b, out, rows, cols, mode); break;
    case C_GT: cmpOp(C_GT, a, b, out, rows, cols, mode); break;
    default: cmpOp(C_GE, a, b, out, rows, cols, mode);
  }
}

// Four condition bytes at c as an all-ones/all-zeros lane mask (or one byte broadcast).
@inline function mask4(c: usize, step: i32): v128 {
  if (!step) return i32x4.splat(load<u8>(c) ? -1 : 0);
  const wide = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(c)));
  return v128.not(i32x4.eq(wide, i32x4.splat(0)));
}

@inline function whereRun(c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const m = mask4(c + <usize>(i * sc), sc);
    const x = load4(a + (<usize>(i * sa) << 2), sa), y = load4(b + (<usize>(i * sb) << 2), sb);
    v128.store(out + (<usize>i << 2), v128.bitselect(x, y, m));
  }
  for (; i < n; i++) {
    const v = load<u8>(c + <usize>(i * sc)) ? load<f32>(a + (<usize>(i * sa) << 2)) : load<f32>(b + (<usize>(i * sb) << 2));
    store<f32>(out + (<usize>i << 2), v);
  }
}

/**
 * out = where(c, a, b) over n elements: c is bytes, a and b float32; each of the three is
 * either n values or one value broadcast, as bit `flags` says (1: c full, 2: a full, 4: b full).
 */
export function where(c: usize, a: usize, b: usize, out: usize, n: i32, flags: i32): void {
  switch (flags) {
    case 0: whereRun(c, 0, a, 0, b, 0, out, n); break;
    case 1: whereRun(c, 1, a, 0, b, 0, out, n); break;
    case 2: whereRun(c, 0, a, 1, b, 0, out, n); break;
    case 3: whereRun(c, 1, a, 1, b, 0, out, n); break;
    case 4: whereRun(c, 0, a, 0, b, 1, out, n); break;
    case 5: whereRun(c, 1, a, 0, b, 1, out, n); break;
    case 6: whereRun(c, 0, a, 1, b, 1, out, n); break;
    default: whereRun(c, 1, a, 1, b, 1, out, n);
  }
}
