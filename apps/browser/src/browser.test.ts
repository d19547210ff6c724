// mlpkit in a real browser: headless Chromium loads a page that trains an MLP on the reference
// and the wasm backend, once as a plain page and once cross-origin isolated (the only way a
// browser page gets shared memory, and with it wasm-resident weights and Web Worker threads).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from './bundle.js';
import type { BrowserReport } from './report.js';
import { CHROMIUM, runInChromium } from './run-in-chromium.js';
import { type PageServer, servePage } from './serve.js';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`SKIPPED: browser check: no Chromium at ${CHROMIUM} (apt-get install chromium, or set MLPKIT_CHROMIUM)`);

describe.skipIf(!haveChromium).each([
  { isolated: true, label: 'cross-origin isolated' },
  { isolated: false, label: 'plain page' },
])('in headless Chromium, $label', { timeout: 120_000 }, ({ isolated }) => {
  let server: PageServer;
  let report: BrowserReport;
  let errors: string[];

  beforeAll(async () => {
    server = await servePage(await bundlePage(), isolated);
    const run = await runInChromium(server.url, 90_000);
    if ('error' in run.report) throw new Error(`the page failed: ${run.report.error}`);
    report = run.report;
    errors = run.errors;
  }, 120_000);
  afterAll(async () => { await server?.close(); });

  it('runs without errors, with WebAssembly SIMD, shared memory exactly when isolated', () => {
    expect(errors, errors.join('\n')).toEqual([]);
    expect(report.simd).toBe(true);
    expect(report.crossOriginIsolated).toBe(isolated);
    expect(report.sharedMemory).toBe(isolated);
  });

  it('runs on Web Workers by default where the page can share memory, else on one thread with a hint', () => {
    if (isolated) {
      expect(report.threads).toBe(report.hardwareConcurrency);
      expect(report.threadsError).toBe('');
    } else {
      expect(report.threads).toBe(1);
      expect(report.threadsError).toMatch(/cross-origin isolated/);
    }
  });

  it('trains to the same fit on every backend', () => {
    expect(report.runs.map((r) => r.backend)).toEqual(isolated ? ['reference', 'wasm', 'wasm, 2 threads'] : ['reference', 'wasm']);
    const ref = report.runs[0];
    for (const run of report.runs) {
      expect(run.lastLoss).toBeLessThan(run.firstLoss / 4);
      expect(run.accuracy).toBeGreaterThan(0.97);
      expect(run.reloadSame).toBe(true);
      expect(run.firstLoss).toBeCloseTo(ref.firstLoss, 4);
      expect(Math.abs(run.accuracy - ref.accuracy)).toBeLessThanOrEqual(0.01);
    }
  });

  it('keeps the weights in wasm memory only where the memory is shared', () => {
    for (const run of report.runs.slice(1)) {
      if (isolated) expect(run.residentBytes).toBeGreaterThan(0);
      else expect(run.residentBytes).toBe(0);
    }
  });

  it('computes Linear(784, 256) forward and backward as the reference does, on every thread count', () => {
    expect(report.layers.map((l) => l.threads)).toEqual(isolated ? [report.hardwareConcurrency, 2] : [1]);
    for (const layer of report.layers) {
      expect(layer.forwardDiff).toBeLessThan(1e-5);
      expect(layer.gradDiff).toBeLessThan(1e-4);
    }
  });

  it('runs on two threads inside a worker of the page\'s own too, where the caller may block', () => {
    if (!isolated) return void expect(report.inWorker).toBeNull();
    expect(report.inWorker).toMatchObject({ threads: 2 });
    const layer = report.inWorker as { forwardDiff: number; gradDiff: number };
    expect(layer.forwardDiff).toBeLessThan(1e-5);
    expect(layer.gradDiff).toBeLessThan(1e-4);
  });
});
