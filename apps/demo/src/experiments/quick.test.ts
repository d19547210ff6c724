// End to end: every experiment's --quick form runs in this process, exits 0, prints the slides'
// numbers beside ours with an explanation, and writes its plots as PNG and SVG.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseBackend } from '../backend.js';
import { parseOptions } from '../options.js';
import { EXPERIMENT_NAMES } from './index.js';
import { runExperiment } from './run-experiment.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlpkit-experiments-'));
  await chooseBackend('auto');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `pnpm demo --experiment NAME --quick --out OUT` in this process; resolves to its exit code and what it printed. */
async function runQuick(name: string, out: string): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  // Progress bars write to stdout directly; keep the test output readable.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await runExperiment(parseOptions(['--experiment', name, '--quick', '--out', out], out));
    return { code, text: lines.join('\n') };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

/** The search runs a coarse and then a fine stage, each in the slides' format; a second run resumes both from their files. */
async function checkSearchStages(out: string, first: string): Promise<void> {
  const trialLines = (text: string): number => (text.match(/^val_acc: (\d\.\d{6}( \(stopped early\))?|diverged|failed), lr: \d\.\d{6}e[+-]\d\d, reg: \d\.\d{6}e[+-]\d\d, \(\d \/ 3\)$/gm) ?? []).length;
  const coarse = first.indexOf('\ncoarse stage: lr = 10**uniform(-4, 0), reg = 10**uniform(-5, -1); 3 trials');
  const fine = first.search(/\nfine stage: lr = 10\*\*uniform\(-?[\d.]+, -?[\d.]+\), reg = 10\*\*uniform\(-?[\d.]+, -?[\d.]+\); 3 trials/);
  expect(coarse).toBeGreaterThanOrEqual(0);
  expect(fine).toBeGreaterThan(coarse);
  expect(trialLines(first.slice(coarse, fine))).toBe(3);
  expect(trialLines(first.slice(fine))).toBe(3);
  expect(first).toMatch(/^search: 6 trials \(0 resumed, 6 run, \d diverged, \d failed, \d stopped early\)$/m);
  const files = await readdir(out);
  for (const f of ['search-coarse.jsonl', 'search-fine.jsonl', 'search-coarse-table.txt', 'search-fine-table.txt']) expect(files).toContain(f);
  const again = await runQuick('search', out);
  expect(again.code).toBe(0);
  expect(again.text).toMatch(/^coarse stage: search: 3 trials \(3 resumed, 0 run,/m);
  expect(again.text).toMatch(/^fine stage: search: 3 trials \(3 resumed, 0 run,/m);
  expect(again.text).toMatch(/^search: 6 trials \(6 resumed, 0 run, \d diverged, \d failed, \d stopped early\)$/m);
  expect(trialLines(again.text)).toBe(0);
  // The fine stage's ranges come from the coarse results alone, so the rerun names the same ones.
  const fineHeading = (text: string): string | undefined => text.match(/^fine stage: .*$/m)?.[0];
  expect(fineHeading(again.text)).toBe(fineHeading(first));
}

/** The covariance printed on a row of the table (`… covariance [[a, b], [c, d]]`), as numbers. */
function printedCovariance(text: string, row: string): number[] {
  const line = text.split('\n').find((l) => l.startsWith(row));
  const m = line?.match(/covariance \[\[(-?[\d.]+), (-?[\d.]+)\], \[(-?[\d.]+), (-?[\d.]+)\]\]$/);
  expect(m, `the row "${row}" with its covariance`).toBeTruthy();
  return (m as RegExpMatchArray).slice(1).map(Number);
}

/** The preprocessing table's numbers: correlated at first, diagonal after PCA, the identity after both whitenings, for the cloud and the images. */
function checkPreprocessing(text: string): void {
  const near = (got: number[], want: number[]) => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(0.005));
  const original = printedCovariance(text, '2-D cloud, original:');
  expect(original[1]).toBeGreaterThan(1);
  const decorrelated = printedCovariance(text, '2-D cloud, decorrelated (PCA):');
  near([decorrelated[1], decorrelated[2]], [0, 0]);
  expect(decorrelated[0]).toBeGreaterThan(decorrelated[3] * 5);
  near(printedCovariance(text, '2-D cloud, whitened (PCA, whiten):'), [1, 0, 0, 1]);
  near(printedCovariance(text, '2-D cloud, whitened (E·D^(−1/2)·Eᵀ):'), [1, 0, 0, 1]);
  const pca = text.match(/^after PCA whitening \(\d+ of 784 components\) .* max \|off-diagonal\| (\S+), diagonal (\S+) to (\S+)$/m);
  expect(pca).toBeTruthy();
  const [off, lo, hi] = (pca as RegExpMatchArray).slice(1).map(Number);
  expect(off).toBeLessThan(1e-6);
  near([lo, hi], [1, 1]);
}

/** The experiments that compute the slides' worked numbers exactly, the same with or without --quick. */
const EXACT = new Set(['activations', 'mlp-example', 'dying-relu', 'zero-init', 'backprop', 'cross-entropy']);
const SMOKE = '--quick: a smoke-sized run; its numbers are NOT the slides\'';

describe('pnpm demo --experiment NAME --quick', () => {
  it.each(EXPERIMENT_NAMES)('%s', async (name) => {
    const out = join(dir, name);
    const { code, text } = await runQuick(name, out);
    expect(code).toBe(0);
    // The worked examples are exact at any size: --quick must not call their numbers not the slides'.
    if (EXACT.has(name)) expect(text).not.toContain(SMOKE);
    else expect(text).toContain(SMOKE);
    expect(text).toMatch(/^what\s+slides/m);
    const files = await readdir(out);
    const pngs = files.filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    for (const png of pngs) {
      expect(files).toContain(png.replace(/\.png$/, '.svg'));
      expect([...(await readFile(join(out, png))).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
    // The explanation (two to four sentences) is written beside the table.
    const table = await readFile(join(out, `experiment-${name}.txt`), 'utf8');
    expect(table.split(/(?<=[.)])\s+(?=[A-Z])/).length).toBeGreaterThanOrEqual(2);
    if (name === 'search') await checkSearchStages(out, text);
    if (name === 'preprocessing') checkPreprocessing(text);
  }, 180_000);
});
