// The browser check's worker: mlpkit inside a Web Worker of the page's own, as the backend's
// README suggests for heavy work, on two threads (workers it starts itself). Posts a LayerReport.
import { createWasmBackend } from '@mlpkit/backend-wasm';
import { referenceBackend } from '@mlpkit/tensor';
import { layerOn, maxDiff } from './layer-check.js';
import type { LayerReport } from './report.js';

async function run(): Promise<LayerReport> {
  const [refY, refG] = layerOn(referenceBackend);
  const wasm = await createWasmBackend({ threads: 2 });
  const [y, g] = layerOn(wasm);
  wasm.close();
  return { threads: wasm.threads, forwardDiff: maxDiff(y, refY), gradDiff: maxDiff(g, refG) };
}

run().then(
  (report) => postMessage(report),
  (error: unknown) => postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
