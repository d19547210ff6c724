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

describe('pnpm demo --experiment NAME --quick', () => {
  it.each(EXPERIMENT_NAMES)('%s', async (name) => {
    const out = join(dir, name);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    // Progress bars write to stdout directly; keep the test output readable.
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await runExperiment(parseOptions(['--experiment', name, '--quick', '--out', out], out));
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('--quick: a smoke-sized run; its numbers are NOT the slides\'');
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
  }, 180_000);
});
