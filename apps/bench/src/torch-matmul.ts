import { spawnSync } from 'node:child_process';
import type { Row } from './mlpkit-matmul.js';
import { openblasEnv } from './openblas-env.js';
import type { Product } from './shapes.js';

const SCRIPT = `
import json, sys, time, torch
spec = json.loads(sys.argv[1])
torch.set_num_threads(spec['threads'])
out = []
for p in spec['products']:
    a = torch.rand(*( [p['k'], p['m']] if p['transA'] else [p['m'], p['k']] )) * 2 - 1
    b = torch.rand(*( [p['n'], p['k']] if p['transB'] else [p['k'], p['n']] )) * 2 - 1
    f = lambda: (a.t() if p['transA'] else a) @ (b.t() if p['transB'] else b)
    for _ in range(3): f()
    times = []
    for _ in range(5):
        reps, t0 = 0, time.perf_counter()
        while True:
            f(); reps += 1
            if time.perf_counter() - t0 >= spec['minMs'] / 1000: break
        times.append((time.perf_counter() - t0) / reps)
    times.sort()
    out.append(2 * p['m'] * p['n'] * p['k'] / times[2] / 1e9)
print(json.dumps({'version': torch.__version__, 'gflops': out}))
`;

/** PyTorch through /usr/bin/python3 when `import torch` works there, in {@link openblasEnv}. */
export function torchRows(products: Product[], threadCounts: number[], minMs: number): Row[] {
  const rows: Row[] = [];
  for (const threads of threadCounts) {
    const env = openblasEnv(threads);
    const run = spawnSync('/usr/bin/python3', ['-c', SCRIPT, JSON.stringify({ threads, minMs, products })], { env, encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) {
      const why = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? 'failed';
      return [{ system: 'PyTorch', threads, product: '-', gflops: null, note: `unavailable: ${why.slice(0, 100)}` }];
    }
    const { version, gflops } = JSON.parse(run.stdout) as { version: string; gflops: number[] };
    products.forEach((p, i) => rows.push({ system: `PyTorch ${version}`, threads, product: p.name, gflops: gflops[i] }));
  }
  return rows;
}
