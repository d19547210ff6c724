/** One matrix product: op(A)[m×k] · op(B)[k×n]. */
export interface Product {
  name: string;
  m: number; k: number; n: number;
  transA: boolean; transB: boolean;
}

/** The products issue 8 sets targets for: the big square, the forward of W1's first layer at
 * batch 64 and 1024, and the two transposed backward products at batch 64. */
export const PRODUCTS: Product[] = [
  { name: '1024³', m: 1024, k: 1024, n: 1024, transA: false, transB: false },
  { name: 'X·W 64×784×256', m: 64, k: 784, n: 256, transA: false, transB: false },
  { name: 'X·W 1024×784×256', m: 1024, k: 784, n: 256, transA: false, transB: false },
  { name: 'Xᵀ·dY 784×64×256', m: 784, k: 64, n: 256, transA: true, transB: false },
  { name: 'dY·Wᵀ 64×256×784', m: 64, k: 256, n: 784, transA: false, transB: true },
];

export function flops(p: Product): number {
  return 2 * p.m * p.n * p.k;
}

/** Stored shapes of A and B (a transposed operand is stored the other way round). */
export function storedShapes(p: Product): [number[], number[]] {
  return [p.transA ? [p.k, p.m] : [p.m, p.k], p.transB ? [p.n, p.k] : [p.k, p.n]];
}
