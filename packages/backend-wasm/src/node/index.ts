import { type WasmBackend, type WasmBackendOptions, createBackendOn } from '../create-backend.js';
import { nodeThreadHost } from './node-thread-host.js';

export { type WasmBackend, type WasmBackendOptions } from '../create-backend.js';
export { isWasmSimdSupported, canShareWasmMemory } from '../support.js';
export { KERNELS_SOURCE_HASH } from '../generated/kernels-wasm.js';
export { nodeThreadHost } from './node-thread-host.js';
export type { ThreadHost } from '../thread-host.js';

/**
 * The wasm backend in Node, on worker threads: one per core by default (`threads` to choose),
 * and the matmul kernel that is faster on this CPU. Otherwise as `createWasmBackend` from
 * `@mlpkit/backend-wasm`.
 *
 * @example
 * import { createWasmBackend } from '@mlpkit/backend-wasm/node';
 * setBackend(await createWasmBackend());
 */
export function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  return createBackendOn(nodeThreadHost, options);
}
