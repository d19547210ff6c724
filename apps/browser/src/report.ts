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

/** What the page leaves on `window.mlpkitReport` when it is done. */
export interface BrowserReport {
  crossOriginIsolated: boolean;
  simd: boolean;
  sharedMemory: boolean;
  threads: number;
  /** The message `createWasmBackend({ threads: 2 })` throws from the main entry. */
  threadsError: string;
  runs: RunReport[];
  /** Largest relative difference of the wasm backend from the reference on Linear(784, 256). */
  layerForwardDiff: number;
  layerGradDiff: number;
}
