// mlpkit blas matmul GFLOP/s in its own process (see blas-matmul.ts): argv[2] is the JSON
// spec; the last stdout line is the JSON rows. A missing BLAS exits 1 with the backend's error.
import { createBlasBackend } from '@mlpkit/backend-blas';
import { type Row, measure } from './mlpkit-matmul.js';
import type { Product } from './shapes.js';

const { threads, minMs, products } = JSON.parse(process.argv[2]) as { threads: number; minMs: number; products: Product[] };
try {
  const backend = await createBlasBackend({ threads });
  const rows: Row[] = products.map((p) => ({ system: 'mlpkit blas', threads, product: p.name, gflops: measure(backend, p, minMs) }));
  console.log(JSON.stringify(rows));
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
