export * from './convert.js';
export * from './creation.js';
export * from './elementwise.js';
export * from './indexing.js';
export * from './matmul.js';
export * from './reduce.js';
export * from './shape.js';
