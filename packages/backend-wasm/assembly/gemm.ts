// Packed, register-blocked single-precision matrix multiply (AssemblyScript, 128-bit SIMD).
//
// C[m×n] = A[m×k] · B[k×n], where A and B are read through arbitrary element strides, so the
// transposed products of a linear layer's backward pass (Xᵀ·dY, dY·Wᵀ) need no separate
// transpose: packing reads them in whatever order they are stored and lays them out the
// same way as the plain product. The loop nest follows the usual BLIS order: a KC×NC panel
// of B is packed into NR-wide strips, an MC×KC block of A into MR-high strips, and a 4×8
// micro-kernel keeps its tile of C in eight f32x4 accumulators. V8 gives a wasm function
// roughly fifteen xmm registers: eight accumulators, two B vectors and one broadcast fit,
// and one self-contained k step per loop iteration keeps it from hoisting loads and spilling.

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 2048;

const PACK_A_BYTES: usize = <usize>(MC * KC * 4);
const PACK_B_BYTES: usize = <usize>(KC * NC * 4);
const TILE_BYTES: usize = <usize>(MR * NR * 4);

/** Bytes of per-thread workspace `sgemm` needs (packed A block, packed B panel, edge tile). */
export function gemmWorkspaceBytes(): i32 {
  return <i32>(PACK_A_BYTES + PACK_B_BYTES + TILE_BYTES);
}

// Stores the transpose of the 4×4 block whose rows are v0..v3: row q of the result (lane q of
// every input) goes to dst + q*stride.
@inline function transpose4(v0: v128, v1: v128, v2: v128, v3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

// Packs a kc×nc block of B (element (p, j) at b + p*rs + j*cs, strides in bytes) into
// NR-wide strips: strip s holds, for each p, the NR values of columns s*NR.., zero-padded.
function packB(b: usize, rs: usize, cs: usize, kc: i32, nc: i32, dst: usize): void {
  for (let j = 0; j < nc; j += NR) {
    const w = min(NR, nc - j);
    const src = b + <usize>j * cs;
    if (w == NR && cs == 4) {
      let s = src;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(s));
        v128.store(dst, v128.load(s, 16), 16);
        s += rs;
        dst += 32;
      }
    } else if (w == NR && rs == 4) {
      // Transposed B: each column is contiguous over p; transpose 4×4 blocks in registers.
      let c0 = src, c1 = c0 + cs, c2 = c1 + cs, c3 = c2 + cs;
      let c4 = c3 + cs, c5 = c4 + cs, c6 = c5 + cs, c7 = c6 + cs;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        transpose4(v128.load(c0), v128.load(c1), v128.load(c2), v128.load(c3), dst, 32);
        transpose4(v128.load(c4), v128.load(c5), v128.load(c6), v128.load(c7), dst + 16, 32);
        c0 += 16; c1 += 16; c2 += 16; c3 += 16; c4 += 16; c5 += 16; c6 += 16; c7 += 16;
        dst += 128;
      }
      for (; p < kc; p++) {
        for (let jj = 0; jj < NR; jj++) store<f32>(dst + <usize>(jj << 2), load<f32>(src + <usize>jj * cs + (<usize>p << 2)));
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = src + <usize>p * rs;
        for (let jj = 0; jj < NR; jj++) {
          store<f32>(dst + <usize>(jj << 2), jj < w ? load<f32>(row + <usize>jj * cs) : 0);
        }
        dst += 32;
      }
    }
  }
}

// Packs an mc×kc block of A (element (i, p) at a + i*rs + p*cs, strides in bytes) into
// MR-high strips: strip r holds, for each p, the MR values of rows r*MR.., zero-padded.
function packA(a: usize, rs: usize, cs: usize, mc: i32, kc: i32, dst: usize): void {
  for (let i = 0; i < mc; i += MR) {
    const h = min(MR, mc - i);
    const src = a + <usize>i * rs;
    if (h == MR && rs == 4) {
      // Transposed A: the MR rows of one k step are contiguous.
      let s = src;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(s));
        s += cs;
        dst += 16;
      }
    } else if (h == MR && cs == 4) {
      // Plain A: four contiguous rows, transposed four k steps at a time.
      let r0 = src, r1 = src + rs, r2 = r1 + rs, r3 = r2 + rs;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        transpose4(v128.load(r0), v128.load(r1), v128.load(r2), v128.load(r3), dst, 16);
        r0 += 16; r1 += 16; r2 += 16; r3 += 16;
        dst += 64;
      }
      for (; p < kc; p++) {
        store<f32>(dst, load<f32>(r0));
        store<f32>(dst, load<f32>(r1), 4);
        store<f32>(dst, load<f32>(r2), 8);
        store<f32>(dst, load<f32>(r3), 12);
        r0 += 4; r1 += 4; r2 += 4; r3 += 4;
        dst += 16;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const col = src + <usize>p * cs;
        for (let ii = 0; ii < MR; ii++) {
          store<f32>(dst + <usize>(ii << 2), ii < h ? load<f32>(col + <usize>ii * rs) : 0);
        }
        dst += 16;
      }
    }
  }
}

// c + a·b: one fused multiply-add where the engine has relaxed SIMD (the module built with it
// enabled), else a multiply then an add.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// The 4×8 micro-kernel: C tile (row stride ldc bytes) = or += packed A strip · packed B strip.
// The loop ends on B's pointer rather than a counter: one less add per k step. Requires kc > 0.
function kernel4x8(pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  } while (pb < end);
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc)); c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc)); c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc)); c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/**
 * C = A·B, or C += A·B when `addTo` is set, for an m×n block of C (row stride ldc elements).
 * A's element (i, p) is at a + (i*rsA + p*csA)*4 and B's element (p, j) at
 * b + (p*rsB + j*csB)*4, so either operand may be transposed. `work` points at
 * gemmWorkspaceBytes() bytes owned by the calling thread. Requires k > 0 (the caller zero-fills
 * C when k is 0). Adding to C adds each KC-deep partial product in turn, so on a C of zeros the
 * bits are those of C = A·B.
 */
export function sgemm(
  a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32, m: i32, n: i32, k: i32, work: usize, addTo: bool,
): void {
  const pa = work;
  const pb = work + PACK_A_BYTES;
  const tile = pb + PACK_B_BYTES;
  const rsAb = <usize>rsA << 2, csAb = <usize>csA << 2;
  const rsBb = <usize>rsB << 2, csBb = <usize>csB << 2;
  const ldcb = <usize>ldc << 2;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(b + <usize>pc * rsBb + <usize>jc * csBb, rsBb, csBb, kc, nc, pb);
      const accumulate = addTo || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a + <usize>ic * rsAb + <usize>pc * csAb, rsAb, csAb, mc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = pb + <usize>jr * <usize>kc * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const ap = pa + <usize>ir * <usize>kc * 4;
            const cp = c + (<usize>(ic + ir) * <usize>ldc + <usize>(jc + jr)) * 4;
            if (mr == MR && nr == NR) {
              kernel4x8(ap, bp, kc, cp, ldcb, accumulate);
            } else {
              kernel4x8(ap, bp, kc, tile, 32, false);
              for (let r = 0; r < mr; r++) {
                for (let q = 0; q < nr; q++) {
                  const dst = cp + <usize>r * ldcb + (<usize>q << 2);
                  const v = load<f32>(tile + <usize>((r << 5) + (q << 2)));
                  store<f32>(dst, accumulate ? load<f32>(dst) + v : v);
                }
              }
            }
          }
        }
      }
    }
  }
}
