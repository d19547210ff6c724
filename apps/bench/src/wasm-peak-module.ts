// The bytes of a tiny WebAssembly module holding the wasm matmul's register tile, written out
// here so that the bench needs no compiler (and the tile is exactly the one described below).

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

const I32 = 0x7f, V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)], set = (i: number) => [0x21, ...uleb(i)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const load = (offset: number) => simd(0x00, 4, ...uleb(offset));
const splat = (offset: number) => simd(0x09, 2, ...uleb(offset));
const store = (offset: number) => simd(0x0b, 4, ...uleb(offset));
const i32 = (v: number) => [0x41, ...uleb(v)];
const [ADD, MUL, RELAXED_MADD] = [0xe4, 0xe6, 0x105];

// Parameters: pa0, pb0, kc, c, passes; locals: p, pa, pb, end (i32); acc 0..7, b0, b1, a (v128).
const [PA0, PB0, KC, C, PASSES, P, PA, PB, END] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const ACC = 9, B0 = 17, B1 = 18, A = 19;

/**
 * peak(pa, pb, kc, c, passes): `passes` times, the 4×8 tile of C = (packed A strip, 4 floats per
 * k step) · (packed B strip, 8 floats per k step) over kc steps, in eight f32x4 accumulators,
 * stored at c. Per k step, as in backend-wasm's kernel4x8: two loads of B, four broadcasts of A,
 * eight multiply-adds (multiply then add, or one relaxed fused multiply-add when `fma`).
 * Requires kc ≥ 1 and passes ≥ 1.
 */
export function peakModuleBytes(fma: boolean): Uint8Array<ArrayBuffer> {
  const madd = (acc: number, b: number) => (fma
    ? [...get(A), ...get(b), ...get(acc), ...simd(RELAXED_MADD), ...set(acc)]
    : [...get(acc), ...get(A), ...get(b), ...simd(MUL), ...simd(ADD), ...set(acc)]);
  const kStep = [
    ...get(PB), ...load(0), ...set(B0), ...get(PB), ...load(16), ...set(B1),
    ...[0, 1, 2, 3].flatMap((r) => [...get(PA), ...splat(4 * r), ...set(A), ...madd(ACC + 2 * r, B0), ...madd(ACC + 2 * r + 1, B1)]),
    ...get(PA), ...i32(16), 0x6a, ...set(PA), ...get(PB), ...i32(32), 0x6a, ...set(PB),
    ...get(PB), ...get(END), 0x49, 0x0d, 0, // br_if inner while pb < end (unsigned)
  ];
  const pass = [
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [...simd(0x0c, ...new Array(16).fill(0)), ...set(ACC + i)]),
    ...get(PA0), ...set(PA), ...get(PB0), ...set(PB),
    ...get(PB0), ...get(KC), ...i32(5), 0x74, 0x6a, ...set(END),
    0x03, 0x40, ...kStep, 0x0b,
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [...get(C), ...get(ACC + i), ...store(16 * i)]),
    ...get(P), ...i32(1), 0x6a, ...set(P), ...get(P), ...get(PASSES), 0x48, 0x0d, 0, // br_if outer while p < passes
  ];
  const body = [...vec([[...uleb(4), I32], [...uleb(11), V128]]), 0x03, 0x40, ...pass, 0x0b, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0, 1]])),
    ...section(7, vec([[...name('peak'), 0, 0], [...name('memory'), 2, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
