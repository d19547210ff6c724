// exp, log, tanh and sigmoid on four float32 at a time: the activations' elementwise maths.
// Unlike the other elementwise kernels these do not reproduce the reference's bits (which
// rounds float64 Math.exp to float32): they are Cephes' single-precision polynomials,
// within a few float32 ulps of the exact result (tested against the reference), as float32
// libraries compute them. NaN stays NaN, and overflow, underflow and the infinities give
// what Math's functions give.

export const T_EXP: i32 = 0;
export const T_LOG: i32 = 1;
export const T_TANH: i32 = 2;
export const T_SIGMOID: i32 = 3;

@inline function s(v: f32): v128 {
  return f32x4.splat(v);
}
@inline function madd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

// e^x: x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in two so n·ln2 is exact), e^r by a degree-6
// polynomial, then times 2^n applied in two halves so that subnormal results round once.
@inline function vexp(x: v128): v128 {
  const xc = f32x4.min(f32x4.max(x, s(-104)), s(89)); // NaN passes through min/max
  const fx = f32x4.floor(madd(xc, s(1.44269504088896341), s(0.5)));
  let r = f32x4.sub(xc, f32x4.mul(fx, s(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(fx, s(-2.12194440e-4)));
  let p = s(1.9875691500e-4);
  p = madd(p, r, s(1.3981999507e-3));
  p = madd(p, r, s(8.3334519073e-3));
  p = madd(p, r, s(4.1665795894e-2));
  p = madd(p, r, s(1.6666665459e-1));
  p = madd(p, r, s(5.0000001201e-1));
  p = f32x4.add(madd(p, f32x4.mul(r, r), r), s(1));
  const n = i32x4.trunc_sat_f32x4_s(fx);
  const n1 = i32x4.shr_s(n, 1);
  const n2 = i32x4.sub(n, n1);
  const scale1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const scale2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, scale1), scale2);
}

// ln x: x = m·2^e with m in [√½, √2), ln m = t − t²/2 + t³·P(t) for t = m − 1, plus e·ln2.
@inline function vlog(x: v128): v128 {
  const subnormal = f32x4.lt(f32x4.abs(x), s(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, s(8388608)), x, subnormal); // × 2^23
  let e = i32x4.sub(i32x4.shr_u(v128.and(xs, i32x4.splat(0x7f800000)), 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(subnormal, i32x4.splat(23)));
  const m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000)); // in [0.5, 1)
  const small = f32x4.lt(m, s(0.707106781186547524));
  const ef = f32x4.sub(f32x4.convert_i32x4_s(e), v128.and(small, s(1)));
  const t = f32x4.sub(v128.bitselect(f32x4.add(m, m), m, small), s(1));
  const z = f32x4.mul(t, t);
  let y = s(7.0376836292e-2);
  y = madd(y, t, s(-1.1514610310e-1));
  y = madd(y, t, s(1.1676998740e-1));
  y = madd(y, t, s(-1.2420140846e-1));
  y = madd(y, t, s(1.4249322787e-1));
  y = madd(y, t, s(-1.6668057665e-1));
  y = madd(y, t, s(2.0000714765e-1));
  y = madd(y, t, s(-2.4999993993e-1));
  y = madd(y, t, s(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, t), z);
  y = madd(ef, s(-2.12194440e-4), y);
  y = madd(z, s(-0.5), y);
  let r = madd(ef, s(0.693359375), f32x4.add(t, y));
  r = v128.bitselect(s(-Infinity), r, f32x4.eq(x, s(0)));
  r = v128.bitselect(s(NaN), r, f32x4.lt(x, s(0)));
  r = v128.bitselect(x, r, f32x4.eq(x, s(Infinity)));
  return v128.bitselect(x, r, f32x4.ne(x, x));
}

// tanh: an odd polynomial below |x| = 0.625 (where 1 − 2/(e^2x + 1) would cancel), else that.
@inline function vtanh(x: v128): v128 {
  const a = f32x4.abs(x);
  const e2 = vexp(f32x4.add(a, a));
  const big = f32x4.sub(s(1), f32x4.div(s(2), f32x4.add(e2, s(1))));
  const bigSigned = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  const z = f32x4.mul(x, x);
  let p = s(-5.70498872745e-3);
  p = madd(p, z, s(2.06390887954e-2));
  p = madd(p, z, s(-5.37397155531e-2));
  p = madd(p, z, s(1.33314422036e-1));
  p = madd(p, z, s(-3.33332819422e-1));
  const smallV = v128.bitselect(x, madd(f32x4.mul(p, z), x, x), f32x4.eq(x, s(0))); // keeps −0
  return v128.bitselect(bigSigned, smallV, f32x4.gt(a, s(0.625)));
}

// σ(x) = 1 / (1 + e^−x) for x ≥ 0 and e^x / (1 + e^x) below, both from t = e^−|x|.
@inline function vsigmoid(x: v128): v128 {
  const t = vexp(f32x4.neg(f32x4.abs(x)));
  const r = f32x4.div(s(1), f32x4.add(s(1), t));
  return v128.bitselect(r, f32x4.mul(t, r), f32x4.ge(x, s(0))); // NaN: neither ≥ 0 → t·r is NaN
}

@inline function tvec(op: i32, x: v128): v128 {
  if (op == T_EXP) return vexp(x);
  if (op == T_LOG) return vlog(x);
  if (op == T_TANH) return vtanh(x);
  return vsigmoid(x);
}

@inline function run(op: i32, x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, tvec(op, v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, f32x4.extract_lane(tvec(op, f32x4.splat(load<f32>(x + o))), 0));
  }
}

/** out = op(x) over n float32 values (see T_*). */
export function transcendental(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case T_EXP: run(T_EXP, x, out, n); break;
    case T_LOG: run(T_LOG, x, out, n); break;
    case T_TANH: run(T_TANH, x, out, n); break;
    default: run(T_SIGMOID, x, out, n);
  }
}
