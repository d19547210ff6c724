// Elementwise float32 kernels. Each one reproduces the reference backend's rounding exactly:
// +, -, ×, ÷ and sqrt of two float32 values give the same float32 whether computed in float32
// or in float64 and rounded, and max/min/clamp/sign follow the reference's comparisons
// (including which zero and NaN they return).

export const OP_ADD: i32 = 0;
export const OP_SUB: i32 = 1;
export const OP_MUL: i32 = 2;
export const OP_DIV: i32 = 3;
export const OP_MAX: i32 = 4;
export const OP_MIN: i32 = 5;

/** Broadcast modes of `binary`: which operand repeats, and how. */
export const MODE_SAME: i32 = 0; // a and b both rows×cols
export const MODE_ROW_B: i32 = 1; // b is one row of cols values, repeated over rows
export const MODE_ROW_A: i32 = 2; // a is one row, b is rows×cols
export const MODE_SCALAR_B: i32 = 3; // b is one value
export const MODE_SCALAR_A: i32 = 4; // a is one value

// Both operands NaN-checked: the reference returns NaN when either is NaN.
@inline function vmax(x: v128, y: v128): v128 {
  const r = v128.bitselect(x, y, f32x4.gt(x, y));
  return v128.bitselect(f32x4.add(x, y), r, v128.or(f32x4.ne(x, x), f32x4.ne(y, y)));
}

@inline function vmin(x: v128, y: v128): v128 {
  const r = v128.bitselect(x, y, f32x4.lt(x, y));
  return v128.bitselect(f32x4.add(x, y), r, v128.or(f32x4.ne(x, x), f32x4.ne(y, y)));
}

@inline function vop(op: i32, x: v128, y: v128): v128 {
  if (op == OP_ADD) return f32x4.add(x, y);
  if (op == OP_SUB) return f32x4.sub(x, y);
  if (op == OP_MUL) return f32x4.mul(x, y);
  if (op == OP_DIV) return f32x4.div(x, y);
  if (op == OP_MAX) return vmax(x, y);
  return vmin(x, y);
}

@inline function sop(op: i32, x: f32, y: f32): f32 {
  if (op == OP_ADD) return x + y;
  if (op == OP_SUB) return x - y;
  if (op == OP_MUL) return x * y;
  if (op == OP_DIV) return x / y;
  if (x != x || y != y) return x + y;
  if (op == OP_MAX) return x > y ? x : y;
  return x < y ? x : y;
}

// out[i] = a[i] op b[i] for n elements, with a and/or b held fixed when their step is 0.
@inline function run(op: i32, a: usize, sa: usize, b: usize, sb: usize, out: usize, n: i32): void {
  let i = 0;
  if (sa == 0 && sb == 0) {
    const r = sop(op, load<f32>(a), load<f32>(b));
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), r);
    return;
  }
  if (sa == 0) {
    const x = v128.load32_splat(a);
    for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), vop(op, x, v128.load(b + (<usize>i << 2))));
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), sop(op, load<f32>(a), load<f32>(b + (<usize>i << 2))));
  } else if (sb == 0) {
    const y = v128.load32_splat(b);
    for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), vop(op, v128.load(a + (<usize>i << 2)), y));
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), sop(op, load<f32>(a + (<usize>i << 2)), load<f32>(b)));
  } else {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop(op, v128.load(a + o), v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sop(op, load<f32>(a + o), load<f32>(b + o)));
    }
  }
}

// max(x, +0) (relu): 0 < x ? x : +0 is one pseudo-max, and NaN lanes get the one NaN the
// reference writes (0x7fc00000, whatever the input's payload); −0 and every negative become +0.
function reluRun(a: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const nan = f32x4.splat(<f32>NaN);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(a + o);
    v128.store(out + o, v128.bitselect(nan, f32x4.pmax(zero, x), f32x4.ne(x, x)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(a + o);
    store<f32>(out + o, x != x ? <f32>NaN : 0 < x ? x : 0);
  }
}

@inline function binaryOp(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32, mode: i32): void {
  if (op == OP_MAX && mode == MODE_SCALAR_B && load<u32>(b) == 0) { reluRun(a, out, rows * cols); return; }
  if (mode == MODE_SAME) { run(op, a, 1, b, 1, out, rows * cols); return; }
  if (mode == MODE_SCALAR_B) { run(op, a, 1, b, 0, out, rows * cols); return; }
  if (mode == MODE_SCALAR_A) { run(op, a, 0, b, 1, out, rows * cols); return; }
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    if (mode == MODE_ROW_B) run(op, a + o, 1, b, 1, out + o, cols);
    else run(op, a, 1, b + o, 1, out + o, cols);
  }
}

/** out = a op b over float32, broadcast per `mode` (see MODE_*). */
export function binary(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32, mode: i32): void {
  switch (op) {
    case OP_ADD: binaryOp(OP_ADD, a, b, out, rows, cols, mode); break;
    case OP_SUB: binaryOp(OP_SUB, a, b, out, rows, cols, mode); break;
    case OP_MUL: binaryOp(OP_MUL, a, b, out, rows, cols, mode); break;
    case OP_DIV: binaryOp(OP_DIV, a, b, out, rows, cols, mode); break;
    case OP_MAX: binaryOp(OP_MAX, a, b, out, rows, cols, mode); break;
    default: binaryOp(OP_MIN, a, b, out, rows, cols, mode);
  }
}

export const U_NEG: i32 = 0;
export const U_ABS: i32 = 1;
export const U_SQRT: i32 = 2;
export const U_FLOOR: i32 = 3;
export const U_CEIL: i32 = 4;
export const U_ROUND: i32 = 5;
export const U_RECIPROCAL: i32 = 6;
export const U_SIGN: i32 = 7;

@inline function uvec(op: i32, x: v128): v128 {
  if (op == U_NEG) return f32x4.neg(x);
  if (op == U_ABS) return f32x4.abs(x);
  if (op == U_SQRT) return f32x4.sqrt(x);
  if (op == U_FLOOR) return f32x4.floor(x);
  if (op == U_CEIL) return f32x4.ceil(x);
  if (op == U_ROUND) return f32x4.nearest(x);
  if (op == U_RECIPROCAL) return f32x4.div(f32x4.splat(1), x);
  // sign: 1 above zero, -1 below, 0 for zeros and NaN.
  const neg = v128.and(f32x4.lt(x, f32x4.splat(0)), f32x4.splat(-1));
  return v128.bitselect(f32x4.splat(1), neg, f32x4.gt(x, f32x4.splat(0)));
}

@inline function unaryOp(op: i32, x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, uvec(op, v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, f32x4.extract_lane(uvec(op, f32x4.splat(load<f32>(x + o))), 0));
  }
}

/** out = op(x) over n float32 values (see U_*). */
export function unary(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case U_NEG: unaryOp(U_NEG, x, out, n); break;
    case U_ABS: unaryOp(U_ABS, x, out, n); break;
    case U_SQRT: unaryOp(U_SQRT, x, out, n); break;
    case U_FLOOR: unaryOp(U_FLOOR, x, out, n); break;
    case U_CEIL: unaryOp(U_CEIL, x, out, n); break;
    case U_ROUND: unaryOp(U_ROUND, x, out, n); break;
    case U_RECIPROCAL: unaryOp(U_RECIPROCAL, x, out, n); break;
    default: unaryOp(U_SIGN, x, out, n);
  }
}

/** out = clamp(x, lo, hi) the reference's way: below lo gives lo, else above hi gives hi, NaN stays. */
export function clamp(x: usize, out: usize, n: i32, lo: f32, hi: f32): void {
  const vlo = f32x4.splat(lo), vhi = f32x4.splat(hi);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const r = v128.bitselect(vhi, v, f32x4.gt(v, vhi));
    v128.store(out + o, v128.bitselect(vlo, r, f32x4.lt(v, vlo)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v < lo ? lo : v > hi ? hi : v);
  }
}
