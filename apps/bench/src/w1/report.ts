import type { EpochFigure, W1Result } from './spec.js';

const fmt = (v: number | null | undefined, digits = 2) => (v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits));
const label = (r: W1Result) => `${r.system}${r.version ? ` ${r.version}` : ''} (${r.threads} thr)`;
const once = (e: EpochFigure) => (e.method === 'epochs' ? `median of ${e.count} epoch${e.count > 1 ? 's' : ''}` : `extrapolated from ${e.count} steps`);
const how = (e: EpochFigure | undefined) => (!e ? '' : e.rounds && e.rounds > 1 ? `median of ${e.rounds} rounds, each ${once(e)}` : once(e));

/** Seconds per epoch at `batch`, or null. */
export function epochSeconds(r: W1Result | undefined, batch: number): number | null {
  return r?.epochs.find((e) => e.batch === batch)?.seconds ?? null;
}

/** The W1 results as a Markdown table: one line per system and thread count. */
export function w1Table(results: W1Result[], batches: number[]): string {
  const lines = [
    `| system | ${batches.map((b) => `s/epoch, batch ${b}`).join(' | ')} | inference img/s, batch 1024 | peak RSS MiB | train loss | how |`,
    `|---|${batches.map(() => '---:').join('|')}|---:|---:|---:|---|`,
  ];
  for (const r of results) {
    if (r.epochs.length === 0) { lines.push(`| ${label(r)} | ${batches.map(() => '-').join(' | ')} | - | - | - | ${r.note ?? ''} |`); continue; }
    const figures = batches.map((b) => r.epochs.find((e) => e.batch === b));
    lines.push(`| ${label(r)} | ${figures.map((e) => fmt(e?.seconds)).join(' | ')} | ${Math.round(r.inferenceImagesPerSecond).toLocaleString('en-US')} | ${fmt(r.peakRssMiB, 0)} | ${figures.map((e) => fmt(e?.loss, 3)).join(' / ')} | ${[...new Set(figures.map(how))].join('; ')}${r.note ? `; ${r.note}` : ''} |`);
  }
  return lines.join('\n');
}

/**
 * Same-run ratios: mlpkit blas's epoch time over PyTorch's at the same thread count, then
 * mlpkit wasm's epoch time over each other system's at the same thread count
 * (below 1 means mlpkit is faster), and each other system's over mlpkit's (how many times
 * faster mlpkit is), plus inference throughput ratios.
 */
export function w1Ratios(results: W1Result[], batches: number[]): string {
  const ours = (threads: number) => results.find((r) => r.system === 'mlpkit wasm' && r.threads === threads);
  const lines = [
    `| ratio | ${batches.map((b) => `batch ${b}`).join(' | ')} | inference |`,
    `|---|${batches.map(() => '---:').join('|')}|---:|`,
  ];
  const one = ours(1), two = ours(2);
  if (one && two)
    lines.push(`| mlpkit wasm: 2 thr speed-up over 1 thr | ${batches.map((b) => ratio(epochSeconds(one, b), epochSeconds(two, b))).join(' | ')} | ${ratio(two.inferenceImagesPerSecond, one.inferenceImagesPerSecond)} |`);
  // Every blas row (the default, and any run with other Node flags) against PyTorch at its thread count.
  const blas = (threads: number) => results.filter((r) => r.system.startsWith('mlpkit blas') && r.threads === threads && r.epochs.length > 0);
  for (const r of results) {
    if (!r.system.startsWith('PyTorch') || r.epochs.length === 0) continue;
    for (const mine of blas(r.threads))
      lines.push(`| ${label(mine)} time ÷ ${label(r)} time | ${batches.map((b) => ratio(epochSeconds(mine, b), epochSeconds(r, b))).join(' | ')} | ${ratio(r.inferenceImagesPerSecond, mine.inferenceImagesPerSecond)} |`);
  }
  for (const r of results) {
    if (r.system.startsWith('mlpkit') || r.epochs.length === 0) continue;
    const mine = ours(r.threads) ?? one;
    if (!mine) continue;
    const tag = `${mine.threads} thr`;
    lines.push(`| mlpkit wasm (${tag}) time ÷ ${label(r)} time | ${batches.map((b) => ratio(epochSeconds(mine, b), epochSeconds(r, b))).join(' | ')} | ${ratio(r.inferenceImagesPerSecond, mine.inferenceImagesPerSecond)} |`);
  }
  return lines.join('\n');
}

function ratio(a: number | null, b: number | null): string {
  return a && b ? `${(a / b).toFixed(2)}×` : '-';
}
