import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './mlpkit-matmul.js';
import { openblasEnv } from './openblas-env.js';
import type { Product } from './shapes.js';

const CHILD = fileURLToPath(new URL('./blas-matmul-child.ts', import.meta.url));

/**
 * mlpkit's blas backend at each thread count, each in a child process with PyTorch's OpenBLAS
 * environment (OpenBLAS reads it once, when the library loads). When the backend cannot start
 * (no BLAS library), one row says why, and the bench goes on.
 */
export function blasRows(products: Product[], threadCounts: number[], minMs: number): Row[] {
  const rows: Row[] = [];
  for (const threads of threadCounts) {
    const spec = JSON.stringify({ threads, minMs, products });
    const run = spawnSync(process.execPath, [...process.execArgv, CHILD, spec], { env: openblasEnv(threads), encoding: 'utf8', timeout: 600_000 });
    const last = run.stdout?.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !last.startsWith('[')) {
      const why = (run.stderr || String(run.error ?? 'failed')).trim().split('\n').pop() ?? 'failed';
      return [...rows, { system: 'mlpkit blas', threads, product: '-', gflops: null, note: `skipped: ${why.slice(0, 400)}` }];
    }
    rows.push(...(JSON.parse(last) as Row[]));
  }
  return rows;
}
