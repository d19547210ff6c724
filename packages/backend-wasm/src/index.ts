export { createWasmBackend, type WasmBackend, type WasmBackendOptions } from './create-backend.js';
export { isWasmSimdSupported, canShareWasmMemory } from './support.js';
export { KERNELS_SOURCE_HASH } from './generated/kernels-wasm.js';
