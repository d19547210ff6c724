/**
 * The Node-only parts of mlpkit in one import, as namespaces named after their packages like
 * the main entry's: files, downloads and the terminal (`datasets`, `nn`, `train`), the
 * WebAssembly backend on worker threads (`backendWasm`) and the native BLAS backend
 * (`backendBlas`, which opens the library only when `createBlasBackend` is called).
 *
 * @example
 * import { datasets, train, backendWasm } from 'mlpkit/node';
 * const images = await datasets.loadFashionMnist('train');
 */
export * as backendBlas from '@mlpkit/backend-blas';
export * as backendWasm from '@mlpkit/backend-wasm/node';
export * as datasets from '@mlpkit/datasets/node';
export * as nn from '@mlpkit/nn/node';
export * as train from '@mlpkit/train/node';
