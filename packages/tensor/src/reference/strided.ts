import { broadcastStrides } from '../shape.js';

/**
 * Calls `body(outIndex, aIndex, bIndex, cIndex)` for every element of `outShape`, reading up
 * to three inputs broadcast to it. The innermost dimension runs as a tight loop; outer
 * dimensions advance like an odometer.
 */
export function forEachBroadcast(
  outShape: readonly number[],
  inShapes: readonly (readonly number[])[],
  body: (o: number, a: number, b: number, c: number, n: number, sa: number, sb: number, sc: number) => void,
): void {
  const ndim = outShape.length;
  const strides = inShapes.map((s) => broadcastStrides(s, outShape));
  while (strides.length < 3) strides.push(new Array<number>(ndim).fill(0));
  const [sa, sb, sc] = strides;
  if (ndim === 0) {
    body(0, 0, 0, 0, 1, 0, 0, 0);
    return;
  }
  const inner = outShape[ndim - 1];
  const outer = outShape.slice(0, -1);
  const counter = new Array<number>(outer.length).fill(0);
  let total = 1;
  for (const d of outer) total *= d;
  if (inner === 0) return;
  let a = 0, b = 0, c = 0, o = 0;
  for (let row = 0; row < total; row++) {
    body(o, a, b, c, inner, sa[ndim - 1], sb[ndim - 1], sc[ndim - 1]);
    o += inner;
    for (let d = outer.length - 1; d >= 0; d--) {
      counter[d]++;
      a += sa[d]; b += sb[d]; c += sc[d];
      if (counter[d] < outer[d]) break;
      a -= sa[d] * outer[d]; b -= sb[d] * outer[d]; c -= sc[d] * outer[d];
      counter[d] = 0;
    }
  }
}
