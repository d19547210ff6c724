// One model exported by @mlpkit/onnx, run by onnxruntime-web (its WebAssembly build) in
// headless Chromium, against mlpkit's own predict in Node.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { relu } from '@mlpkit/activations';
import { Linear, Sequential, predict } from '@mlpkit/nn';
import { BatchNorm1d, PixelScaler } from '@mlpkit/normalization';
import { exportOnnx } from '@mlpkit/onnx';
import { manualSeed, randn, tensor } from '@mlpkit/tensor';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from './run-in-chromium.js';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`SKIPPED: onnxruntime-web check: no Chromium at ${CHROMIUM}`);

const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
// The page loads onnxruntime-web's ES build (with its wasm and the wasm's loader), then the model, and leaves the outputs on globalThis.
const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import * as ort from '/ort.mjs';
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = '/';
try {
  const session = await ort.InferenceSession.create('/model.onnx');
  const pixels = new Float32Array(await (await fetch('/input.bin')).arrayBuffer());
  const { output } = await session.run({ input: new ort.Tensor('float32', pixels, [pixels.length / 784, 784]) });
  globalThis.mlpkitReport = { dims: output.dims, data: Array.from(output.data) };
} catch (e) { globalThis.mlpkitReport = { error: String(e) }; }
</script>`;

async function serve(files: Record<string, [string, Uint8Array | string]>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': file[0], 'Cache-Control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!haveChromium)('an exported ONNX model in onnxruntime-web, in headless Chromium', () => {
  it('gives the logits mlpkit gives, on raw pixels', { timeout: 120_000 }, async () => {
    manualSeed(0);
    const model = new Sequential(new Linear(784, 32), new BatchNorm1d(32), relu, new Linear(32, 10));
    model.forward(randn([16, 784])); // running statistics away from their defaults
    const scaler = new PixelScaler({ featureRange: [-1, 1] });
    const pixels = Float32Array.from({ length: 3 * 784 }, (_, i) => (i * 53) % 256);
    const expected = predict(model, tensor(Array.from(pixels), { shape: [3, 784] }), { scaler });
    const server = await serve({
      '/': ['text/html', PAGE],
      '/ort.mjs': ['text/javascript', await readFile(join(ortDist, 'ort.wasm.bundle.min.mjs'))],
      '/ort-wasm-simd-threaded.mjs': ['text/javascript', await readFile(join(ortDist, 'ort-wasm-simd-threaded.mjs'))],
      '/ort-wasm-simd-threaded.wasm': ['application/wasm', await readFile(join(ortDist, 'ort-wasm-simd-threaded.wasm'))],
      '/model.onnx': ['application/octet-stream', exportOnnx(model, { inputShape: [1, 784], scaler })],
      '/input.bin': ['application/octet-stream', new Uint8Array(pixels.buffer)],
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const handle = await page.waitForFunction(() => (globalThis as { mlpkitReport?: unknown }).mlpkitReport, undefined, { timeout: 90_000 });
      const report = (await handle.jsonValue()) as { dims: number[]; data: number[] } | { error: string };
      if ('error' in report) throw new Error(`onnxruntime-web failed: ${report.error}`);
      expect(report.dims).toEqual([3, 10]);
      const worst = Math.max(...report.data.map((v, i) => Math.abs(v - expected.data[i])));
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
