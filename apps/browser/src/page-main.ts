// The program the browser check runs inside Chromium: what a web page using mlpkit does. It
// trains a small MLP on each backend, checks the wasm kernels against the reference ones on a
// Fashion-MNIST-sized layer, round-trips a model through safetensors bytes, and leaves a
// report on `window` for the test to read.
import { relu } from '@mlpkit/activations';
import { noGrad } from '@mlpkit/autograd';
import { canShareWasmMemory, createWasmBackend, isWasmSimdSupported } from '@mlpkit/backend-wasm';
import { DataLoader, makeMoons } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Accuracy } from '@mlpkit/metrics';
import { Linear, Sequential, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { type Backend, manualSeed, referenceBackend, setBackend } from '@mlpkit/tensor';
import { layerOn, maxDiff } from './layer-check.js';
import type { BrowserReport, LayerReport, RunReport } from './report.js';

function model(): Sequential {
  return new Sequential(new Linear(2, 64), relu, new Linear(64, 2));
}

function train(backend: Backend, name: string, residentBytes: () => number): RunReport {
  setBackend(backend);
  manualSeed(0);
  const net = model();
  const optimizer = new SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
  const data = makeMoons({ nSamples: 400, noise: 0.1, seed: 0 });
  const loader = new DataLoader(data, { batchSize: 32, shuffle: true, seed: 0 });
  const epochLosses: number[] = [];
  for (let epoch = 0; epoch < 30; epoch++) {
    let sum = 0, batches = 0;
    for (const { x, y } of loader) {
      // In place, so that on a shared wasm memory Linear's backward adds dW where the gradient lies.
      optimizer.zeroGrad(false);
      const loss = crossEntropy(net.forward(x), y);
      loss.backward();
      optimizer.step();
      sum += loss.item();
      batches++;
    }
    epochLosses.push(sum / batches);
  }
  const accuracy = new Accuracy();
  const all = [...new DataLoader(data, { batchSize: 400 })][0];
  const logits = noGrad(() => net.eval().forward(all.x));
  accuracy.update(logits, all.y);
  // A model restored from the saved bytes must give the same outputs, bit for bit.
  const copy = model();
  copy.loadStateDict(loadSafetensors(saveSafetensors(net.stateDict())).tensors);
  const again = noGrad(() => copy.eval().forward(all.x));
  const reloadSame = again.data.every((v, i) => Object.is(v, logits.data[i]));
  return { backend: name, firstLoss: epochLosses[0], lastLoss: epochLosses[epochLosses.length - 1], accuracy: accuracy.compute(), reloadSame, residentBytes: residentBytes() };
}

// The same layer inside a Web Worker of the page's own, where the calling thread may block.
function inWorker(): Promise<LayerReport | { error: string }> {
  return new Promise((resolve) => {
    const worker = new Worker('/worker.js', { type: 'module' });
    worker.onmessage = (event) => { resolve(event.data as LayerReport | { error: string }); worker.terminate(); };
    worker.onerror = (event) => { resolve({ error: event.message }); worker.terminate(); };
  });
}

async function main(): Promise<BrowserReport> {
  const simd = isWasmSimdSupported();
  const wasm = await createWasmBackend();
  // Two threads explicitly: Web Workers where the page is cross-origin isolated, else an error
  // that says how to get them.
  let twoThreads: Awaited<ReturnType<typeof createWasmBackend>> | null = null, threadsError = '';
  try {
    twoThreads = await createWasmBackend({ threads: 2 });
  } catch (error) {
    threadsError = (error as Error).message;
  }
  const runs = [train(referenceBackend, 'reference', () => 0), train(wasm, 'wasm', () => wasm.residentBytes)];
  if (twoThreads) runs.push(train(twoThreads, 'wasm, 2 threads', () => twoThreads!.residentBytes));
  const [refY, refG] = layerOn(referenceBackend);
  const layers = [wasm, ...(twoThreads ? [twoThreads] : [])].map((backend) => {
    const [y, g] = layerOn(backend);
    return { threads: backend.threads, forwardDiff: maxDiff(y, refY), gradDiff: maxDiff(g, refG) };
  });
  twoThreads?.close();
  return {
    inWorker: globalThis.crossOriginIsolated === true ? await inWorker() : null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true, hardwareConcurrency: navigator.hardwareConcurrency,
    simd, sharedMemory: canShareWasmMemory(), threads: wasm.threads, threadsError, runs, layers,
  };
}

const target = globalThis as unknown as { mlpkitReport?: BrowserReport | { error: string } };
main().then(
  (report) => { target.mlpkitReport = report; },
  (error: unknown) => { target.mlpkitReport = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }; },
);
