// pnpm bench: matrix-multiply GFLOP/s and W1 epochs (BENCHMARKING.md) of mlpkit, side by side
// with TensorFlow.js and PyTorch where they are installed, in one run (these machines are shared
// and noisy, so only same-run numbers are compared). `pnpm bench --help` lists the options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { blasRows } from './blas-matmul.js';
import { mlpkitRows } from './mlpkit-matmul.js';
import { type BenchOptions, USAGE, parseOptions } from './options.js';
import { markdownTable } from './report.js';
import { PRODUCTS } from './shapes.js';
import { checkTargets, targetsMarkdown } from './targets.js';
import { tfjsRows } from './tfjs-matmul.js';
import { torchRows } from './torch-matmul.js';
import { loadW1Data } from './w1/data.js';
import { memoryCheck, memoryMarkdown } from './w1/memory.js';
import { profileInChild } from './w1/profile.js';
import { zeroGradAB, zeroGradMarkdown } from './w1/zero-grad-ab.js';
import { w1Ratios, w1Table } from './w1/report.js';
import { type RoundJob, mergeRounds, runRounds } from './w1/rounds.js';
import { runNodeSystem, runTorch } from './w1/runner.js';
import type { EpochPlan, W1Result } from './w1/spec.js';

// `pnpm bench --search` is a run of its own, with its own flags (src/search/search-bench.ts).
if (process.argv.includes('--search')) {
  const { searchBench } = await import('./search/search-bench.js');
  const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  console.log(`\n${await searchBench(process.argv.slice(2).filter((a) => a !== '--'), resultsDir)}`);
  process.exit(0);
}

// `pnpm bench --recipe` too: the lectures' recipe side by side with PyTorch (src/recipe/recipe-bench.ts).
if (process.argv.includes('--recipe')) {
  const { recipeBench } = await import('./recipe/recipe-bench.js');
  const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  process.exit(await recipeBench(process.argv.slice(2).filter((a) => a !== '--'), resultsDir));
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2).filter((a) => a !== '--'));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) { console.log(USAGE); process.exit(0); }
const { quick, threadCounts, only, rounds } = options;
const dir = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const meta = { date: new Date().toISOString(), quick, node: process.version, cpu: cpus()[0]?.model, cores: availableParallelism() };
const header = `mlpkit bench: ${meta.cpu ?? 'unknown CPU'}, ${meta.cores} cores, Node ${process.version}`;

/** Per system: what to time at batch 64 and 1024 (whole epochs, or steps to extrapolate from). */
function plans(system: string): EpochPlan[] {
  const steps = (b64: number, b1024: number): EpochPlan[] => [{ batch: 64, epochs: 0, steps: b64 }, { batch: 1024, epochs: 0, steps: b1024 }];
  const epochs = (n: number): EpochPlan[] => [{ batch: 64, epochs: n, steps: 0 }, { batch: 1024, epochs: n, steps: 0 }];
  if (system === 'tfjs cpu') return quick ? steps(2, 1) : steps(30, 3);
  if (system === 'mlpkit reference') return steps(10, 1);
  if (system === 'tfjs wasm') return quick ? steps(10, 1) : epochs(1);
  return quick ? steps(50, 5) : epochs(3);
}

async function runW1(): Promise<W1Result[]> {
  const inferenceSeconds = quick ? 0.2 : 1.5;
  const results: W1Result[] = [];
  const line = (r: W1Result) => `  ${r.system} (${r.threads} thr): ${r.epochs.map((e) => `batch ${e.batch} ${e.seconds.toFixed(2)} s/epoch`).join(', ') || r.note}`;
  const say = (r: W1Result) => { results.push(r); console.log(line(r)); };
  console.log(`\nW1 epochs (each system in its own process; mlpkit and PyTorch in ${rounds} round${rounds > 1 ? 's' : ''}):`);
  // The systems the ratios compare run in rounds of rotating order; each figure is a median over rounds.
  const jobs: RoundJob[] = threadCounts.flatMap((threads) => [
    ...(['mlpkit wasm', 'mlpkit blas'] as const).map((system) => ({ key: `${system} ${threads}`, run: () => runNodeSystem({ system, threads, plans: plans(system), inferenceSeconds }) })),
    // The same blas run with each step in a step scope, as fit's reuseMemory: its memory reused at once.
    { key: `mlpkit blas scope ${threads}`, run: () => runNodeSystem({ system: 'mlpkit blas', threads, plans: plans('mlpkit blas'), inferenceSeconds, stepScope: true }) },
    // Where the BLAS threads take every core, the same blas run with V8's collector on the main thread.
    ...(threads >= meta.cores && !quick ? [{ key: `mlpkit blas gc ${threads}`, run: () => runNodeSystem({ system: 'mlpkit blas', threads, plans: plans('mlpkit blas'), inferenceSeconds }, { singleThreadedGc: true }) }] : []),
    { key: `PyTorch ${threads}`, run: () => runTorch(threads, plans('PyTorch'), inferenceSeconds) },
  ]);
  const byKey = await runRounds(jobs, rounds, (r, round) => console.log(`${rounds > 1 ? `  round ${round + 1}:` : ''}${line(r)}`));
  // Rows as before: every wasm row, then every blas row, then PyTorch's, each by thread count.
  const order = (key: string) => ['mlpkit wasm', 'mlpkit blas', 'PyTorch'].findIndex((s) => key.startsWith(s));
  const merged = [...jobs].sort((a, b) => order(a.key) - order(b.key)).map((j) => mergeRounds(byKey.get(j.key)!));
  results.push(...merged.filter((r) => r.system.startsWith('mlpkit')));
  if (!quick) say(runNodeSystem({ system: 'mlpkit wasm', threads: 1, otherKernel: true, plans: plans('mlpkit wasm'), inferenceSeconds }));
  if (!quick) say(runNodeSystem({ system: 'mlpkit reference', threads: 1, plans: plans('mlpkit reference'), inferenceSeconds: 0.5 }));
  results.push(...merged.filter((r) => !r.system.startsWith('mlpkit')));
  for (const system of ['tfjs wasm', 'tfjs cpu'] as const) say(runNodeSystem({ system, threads: 1, plans: plans(system), inferenceSeconds: system === 'tfjs cpu' ? Math.min(0.5, inferenceSeconds) : inferenceSeconds }));
  return results;
}

async function main(): Promise<void> {
  console.log(`${header}${quick ? ' (quick)' : ''}`);
  if (options.mode === 'memory') {
    const results = [], parts = [];
    // blas also as its step scope rows run: the reused memory must stay bounded too.
    type Run = [BenchOptions['backends'][number], boolean];
    const runs = options.backends.flatMap((b): Run[] => (b === 'blas' ? [[b, false], [b, true]] : [[b, false]]));
    for (const [backend, stepScope] of runs) {
      console.log(`mlpkit ${backend}${stepScope ? ', step scope' : ''}:`);
      try {
        const r = await memoryCheck({ ...options.memory, threads: threadCounts[threadCounts.length - 1], backend, stepScope }, (line) => console.log(`  ${line}`));
        results.push(r);
        parts.push(memoryMarkdown(r));
      } catch (error) {
        // Only a backend that cannot start is skipped (no BLAS library here); it says why.
        if (backend !== 'blas' || !/createBlasBackend/.test((error as Error).message)) throw error;
        parts.push(`mlpkit blas: skipped: ${(error as Error).message}`);
      }
    }
    const md = parts.join('\n\n');
    console.log(`\n${md}\n`);
    writeFileSync(`${dir}memory.json`, JSON.stringify({ ...meta, results }, null, 2) + '\n');
    writeFileSync(`${dir}memory.md`, `# Flat memory\n\n${JSON.stringify(meta)}\n\n${md}\n`);
    return;
  }
  if (options.mode === 'profile') {
    const parts = [];
    for (const backend of options.backends)
      for (const threads of threadCounts) for (const [batch, steps] of [[64, 300], [1024, 30]])
        // blas also as its step scope row runs (each step's memory reused), so both rows' time is accounted for.
        for (const stepScope of backend === 'blas' ? [false, true] : [false]) parts.push(profileInChild({ backend, threads, batch, steps: quick ? steps / 5 : steps, stepScope }));
    const ab = [];
    if (options.backends.includes('wasm')) {
      const data = await loadW1Data();
      for (const threads of threadCounts) for (const batch of [64, 1024]) ab.push(await zeroGradAB(data, threads, batch, quick ? 3 : 11));
    }
    if (ab.length) parts.push('What zeroing gradients in place is worth (two trainers in one process, alternating rounds; median round):', zeroGradMarkdown(ab));
    const md = parts.join('\n\n');
    console.log(`\n${md}\n`);
    writeFileSync(`${dir}profile.md`, `# Where a W1 training step's time goes\n\n${JSON.stringify(meta)}\n\n${md}\n`);
    return;
  }
  let matmul: Awaited<ReturnType<typeof mlpkitRows>> = [];
  if (only !== 'w1') {
    const minMs = quick ? 25 : 300;
    matmul = [
      ...(await mlpkitRows(PRODUCTS, threadCounts, minMs, quick)), ...blasRows(PRODUCTS, threadCounts, minMs),
      ...(await tfjsRows(PRODUCTS, minMs, quick)), ...torchRows(PRODUCTS, threadCounts, minMs),
    ];
    console.log(`\nMatrix multiply, GFLOP/s (float32, median of 5 rounds)\n\n${markdownTable(matmul, PRODUCTS)}`);
  }
  const w1 = only === 'matmul' ? [] : await runW1();
  const batches = [64, 1024];
  const sections = [
    ...(matmul.length ? ['## Matrix multiply, GFLOP/s (float32, median of 5 rounds; higher is better)', markdownTable(matmul, PRODUCTS)] : []),
    ...(w1.length ? [
      '## W1 training: Linear(784,256) → ReLU → Linear(256,10), SGD lr 0.01, 60 000 Fashion-MNIST images (lower s/epoch is better)', w1Table(w1, batches),
      '## Ratios (same run)', w1Ratios(w1, batches),
    ] : []),
    '## Targets (issues 8 and 18)', targetsMarkdown(checkTargets(matmul, w1)),
  ];
  const md = sections.join('\n\n');
  console.log(`\n${md}\n`);
  const name = quick ? 'bench-quick' : 'bench';
  writeFileSync(`${dir}${name}.json`, JSON.stringify({ ...meta, matmul, w1 }, null, 2) + '\n');
  writeFileSync(`${dir}${name}.md`, `# mlpkit bench${quick ? ' (--quick: short samples, extrapolated)' : ''}\n\n${JSON.stringify(meta)}\n\n${md}\n`);
  console.log(`wrote ${dir}${name}.json and ${name}.md`);
  // A smoke test must fail when mlpkit itself could not run; other systems are optional.
  // mlpkit blas is skipped, not failed, where the machine has no BLAS library (its note says so).
  const broken = w1.filter((r) => r.system.startsWith('mlpkit') && r.epochs.length === 0 && !r.note?.startsWith('skipped'));
  if (broken.length) {
    console.error(`mlpkit failed: ${broken.map((r) => `${r.system} (${r.threads} thr): ${r.note}`).join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
process.exit(process.exitCode ?? 0);
