/** One training run in the page. */
export interface RunReport {
  backend: string;
  firstLoss: number;
  lastLoss: number;
  accuracy: number;
  /** Whether a model loaded from the saved safetensors bytes gave the same outputs, bit for bit. */
  reloadSame: boolean;
  /** Bytes of wasm memory the Parameters live in (0 when they are ordinary arrays). */
  residentBytes: number;
}

/** The wasm backend against the reference on Linear(784, 256): largest relative differences. */
export interface LayerReport { threads: number; forwardDiff: number; gradDiff: number }

/** What the page leaves on `window.mlpkitReport` when it is done. */
export interface BrowserReport {
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  simd: boolean;
  sharedMemory: boolean;
  /** Threads of the backend `createWasmBackend()` made with its defaults. */
  threads: number;
  /** The message `createWasmBackend({ threads: 2 })` threw ('' when it gave two threads). */
  threadsError: string;
  runs: RunReport[];
  layers: LayerReport[];
  /** The layer on two threads inside a Web Worker of the page's own (cross-origin isolated pages only). */
  inWorker: LayerReport | { error: string } | null;
}
