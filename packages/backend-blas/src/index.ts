export { createBlasBackend, type BlasBackend, type BlasBackendOptions } from './create-backend.js';
