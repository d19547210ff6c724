/**
 * The Node-only parts of mlpkit in one import, as namespaces named after their packages like
 * the main entry's: files, downloads and the terminal (`datasets`, `nn`, `train`) and the
 * WebAssembly backend on worker threads (`backendWasm`).
 *
 * @example
 * import { datasets, train, backendWasm } from 'mlpkit/node';
 * const images = await datasets.loadFashionMnist('train');
 */
export * as backendWasm from '@mlpkit/backend-wasm/node';
export * as datasets from '@mlpkit/datasets/node';
export * as nn from '@mlpkit/nn/node';
export * as train from '@mlpkit/train/node';
