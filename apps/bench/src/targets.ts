import type { Row } from './mlpkit-matmul.js';
import { PRODUCTS } from './shapes.js';
import { epochSeconds } from './w1/report.js';
import type { W1Result } from './w1/spec.js';

/** One of issue 8's targets, checked against this run's numbers. */
export interface TargetCheck { target: string; reached: string; met: boolean | null }

const BATCH_64_PRODUCTS = PRODUCTS.filter((p) => p.m === 64 || p.k === 64).map((p) => p.name);

/** Issue 8's targets, each with what this run measured (null `met` when a figure is missing). */
export function checkTargets(matmul: Row[], w1: W1Result[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const gf = (threads: number, product: string) => matmul.find((r) => r.system === 'mlpkit wasm' && r.threads === threads && r.product === product)?.gflops ?? null;
  const ones = PRODUCTS.map((p) => gf(1, p.name));
  if (ones.every((v) => v != null)) {
    const worst = Math.min(...(ones as number[]));
    checks.push({ target: 'matmul ≥ 45 GFLOP/s per core on every product (1 thread)', reached: `${worst.toFixed(1)} GFLOP/s on the slowest (${PRODUCTS[ones.indexOf(worst)].name}), ${Math.max(...(ones as number[])).toFixed(1)} on the fastest`, met: worst >= 45 });
  }
  const speedup = (name: string) => { const a = gf(1, name), b = gf(2, name); return a && b ? b / a : null; };
  const big = speedup('1024³');
  if (big != null) checks.push({ target: '2 threads ≥ 1.8× 1 thread on 1024³ matmul', reached: `${big.toFixed(2)}×`, met: big >= 1.8 });
  const small = BATCH_64_PRODUCTS.map(speedup);
  if (small.every((v) => v != null)) {
    const worst = Math.min(...(small as number[]));
    checks.push({ target: '2 threads ≥ 1.5× 1 thread on the batch-64 products', reached: `${worst.toFixed(2)}× on the worst (${BATCH_64_PRODUCTS[small.indexOf(worst)]})`, met: worst >= 1.5 });
  }
  const find = (system: string, threads: number) => w1.find((r) => r.system === system && r.threads === threads && r.epochs.length > 0);
  for (const [threads, limit] of [[1, 3], [2, 2]] as const) {
    const mine = find('mlpkit wasm', threads), torch = find('PyTorch', threads);
    if (!mine || !torch) continue;
    const ratios = [64, 1024].map((b) => (epochSeconds(mine, b) ?? NaN) / (epochSeconds(torch, b) ?? NaN));
    checks.push({ target: `epoch time ≤ ${limit}× PyTorch's on ${threads} thread${threads > 1 ? 's' : ''} (batch 64 and 1024)`, reached: `${ratios[0].toFixed(2)}× and ${ratios[1].toFixed(2)}×`, met: ratios.every((r) => r <= limit) });
  }
  // TensorFlow.js wasm has no threads in Node (BENCHMARKING.md), so its one thread is also its best.
  const tfjs = find('tfjs wasm', 1);
  for (const threads of [1, 2]) {
    const mine = find('mlpkit wasm', threads);
    if (!mine || !tfjs) continue;
    const ratios = [64, 1024].map((b) => (epochSeconds(tfjs, b) ?? NaN) / (epochSeconds(mine, b) ?? NaN));
    const how = threads === 1 ? '1 thread each' : 'mlpkit on 2 threads, TensorFlow.js on its one';
    checks.push({ target: `≥ 15× faster than TensorFlow.js wasm: W1 epoch (${how})`, reached: `${ratios[0].toFixed(1)}× and ${ratios[1].toFixed(1)}× (batch 64, 1024)`, met: ratios.every((r) => r >= 15) });
  }
  const tf = (product: string) => matmul.find((r) => r.system === 'tfjs wasm' && r.product === product)?.gflops ?? null;
  const speedups = PRODUCTS.map((p) => { const a = gf(1, p.name), b = tf(p.name); return a && b ? a / b : null; });
  if (speedups.every((v) => v != null)) {
    const s = speedups as number[];
    checks.push({ target: '≥ 15× faster than TensorFlow.js wasm: matmul (1 thread each)', reached: PRODUCTS.map((p, i) => `${p.name} ${s[i].toFixed(1)}×`).join(', '), met: s.every((v) => v >= 15) });
  }
  return checks;
}

/** The checks as a Markdown table. */
export function targetsMarkdown(checks: TargetCheck[]): string {
  return [
    '| target | this run | met |',
    '|---|---|:---:|',
    ...checks.map((c) => `| ${c.target} | ${c.reached} | ${c.met == null ? '?' : c.met ? 'yes' : 'no'} |`),
  ].join('\n');
}
