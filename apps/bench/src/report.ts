import { REUSED, type Row } from './mlpkit-matmul.js';
import type { Product } from './shapes.js';

const REUSED_SUFFIX = REUSED.slice('mlpkit wasm'.length);
const fmt = (v: number | null | undefined, digits = 1) => (v == null ? '-' : v.toFixed(digits));

/**
 * A Markdown table: one line per system and thread count, GFLOP/s per product, then the
 * wasm backend's speed-up from 1 to 2 threads and each system's ratio to mlpkit wasm.
 */
export function markdownTable(rows: Row[], products: Product[]): string {
  const key = (r: Row) => `${r.system} (${r.threads} thr)`;
  const systems = [...new Set(rows.filter((r) => r.product !== '-').map(key))];
  const get = (sys: string, product: string) => rows.find((r) => key(r) === sys && r.product === product)?.gflops ?? null;
  const wasmAt = (threads: number, product: string) => rows.find((r) => r.system === 'mlpkit wasm' && r.threads === threads && r.product === product)?.gflops ?? null;
  const lines = [
    `| system | ${products.map((p) => p.name).join(' | ')} |`,
    `|---|${products.map(() => '---:').join('|')}|`,
    ...systems.map((s) => `| ${s} | ${products.map((p) => fmt(get(s, p.name))).join(' | ')} |`),
  ];
  const one = products.map((p) => wasmAt(1, p.name)), two = products.map((p) => wasmAt(2, p.name));
  if (two.some((v) => v != null))
    lines.push(`| wasm 2 thr / 1 thr | ${products.map((_, i) => (one[i] && two[i] ? `${fmt(two[i]! / one[i]!, 2)}×` : '-')).join(' | ')} |`);
  // Each wasm row as a share of its kernel's register-tile peak (times its thread count).
  for (const s of systems.filter((name) => name.startsWith('mlpkit wasm'))) {
    const threads = Number(/\((\d+) thr\)/.exec(s)?.[1] ?? 1);
    // A reused-output row shares its kernel's peak with the default row.
    const peakName = `wasm tile peak${s.slice('mlpkit wasm'.length).replace(/ \(\d+ thr\)$/, '').replace(REUSED_SUFFIX, '')} (1 thr)`;
    if (!systems.includes(peakName)) continue;
    lines.push(`| ${s} % of tile peak${threads > 1 ? ` × ${threads}` : ''} | ${products.map((p) => {
      const mine = get(s, p.name), peak = get(peakName, p.name);
      return mine && peak ? `${fmt((100 * mine) / (peak * threads), 0)} %` : '-';
    }).join(' | ')} |`);
  }
  const blasAt = (threads: number, product: string) => rows.find((r) => r.system === 'mlpkit blas' && r.threads === threads && r.product === product)?.gflops ?? null;
  for (const s of systems.filter((name) => name.startsWith('PyTorch'))) {
    const threads = Number(/\((\d+) thr\)/.exec(s)?.[1] ?? 1);
    if (products.some((p) => blasAt(threads, p.name) != null))
      lines.push(`| mlpkit blas / ${s} | ${products.map((p) => { const a = blasAt(threads, p.name), b = get(s, p.name); return a && b ? `${fmt(a / b, 2)}×` : '-'; }).join(' | ')} |`);
  }
  const others = systems.filter((s) => !s.startsWith('mlpkit wasm') && !s.startsWith('wasm tile peak'));
  for (const s of others) {
    const threads = Number(/\((\d+) thr\)/.exec(s)?.[1] ?? 1);
    lines.push(`| mlpkit wasm / ${s} | ${products.map((p) => {
      const mine = wasmAt(threads, p.name), theirs = get(s, p.name);
      return mine && theirs ? `${fmt(mine / theirs, 2)}×` : '-';
    }).join(' | ')} |`);
  }
  const notes = rows.filter((r) => r.note && r.product === '-').map((r) => `- ${r.system} (${r.threads} thr): ${r.note}`);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
