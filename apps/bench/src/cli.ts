// pnpm bench [--quick] [--threads 1,2]: matrix-multiply GFLOP/s of mlpkit's backends, side by
// side with TensorFlow.js and PyTorch where they are installed, measured in one run (these
// machines are shared and noisy, so only same-run numbers are compared). Writes
// results/matmul.json and results/matmul.md beside this app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './report.js';
import { mlpkitRows } from './mlpkit-matmul.js';
import { PRODUCTS } from './shapes.js';
import { tfjsRows } from './tfjs-matmul.js';
import { torchRows } from './torch-matmul.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const threadArg = args.indexOf('--threads');
const threadCounts = threadArg >= 0 ? args[threadArg + 1].split(',').map(Number) : [...new Set([1, Math.min(2, availableParallelism())])];
const minMs = quick ? 60 : 300;

console.log(`mlpkit bench${quick ? ' (quick)' : ''}: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
const rows = [
  ...(await mlpkitRows(PRODUCTS, threadCounts, minMs, quick)),
  ...(await tfjsRows(PRODUCTS, minMs, quick)),
  ...torchRows(PRODUCTS, threadCounts, minMs),
];
const table = markdownTable(rows, PRODUCTS);
console.log(`\nMatrix multiply, GFLOP/s (float32, median of 5 rounds)\n\n${table}\n`);
// TODO(issue 8): MLP-epoch benchmarks (workload W1 of shared/BENCHMARKING.md: seconds per
// epoch at batch 64 and 1024, inference img/s) need @mlpkit/nn, losses and optimizers, which
// are not finished yet; add them here once they are, side by side with PyTorch.
console.log('MLP epoch (W1): TODO, waiting for @mlpkit/nn, @mlpkit/losses and @mlpkit/optimizers.');

const dir = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const meta = { date: new Date().toISOString(), quick, node: process.version, cpu: cpus()[0]?.model, cores: availableParallelism() };
writeFileSync(`${dir}matmul.json`, JSON.stringify({ ...meta, rows }, null, 2) + '\n');
writeFileSync(`${dir}matmul.md`, `# Matrix multiply, GFLOP/s\n\n${JSON.stringify(meta)}\n\n${table}\n`);
console.log(`wrote ${dir}matmul.json and matmul.md`);
