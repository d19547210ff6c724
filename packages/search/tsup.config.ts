import { defineConfig } from 'tsup';

// The shared build plus the bin (node/cli) and the worker-thread entry (node/thread-main), which
// the node entry starts by URL; shims give the CommonJS build an import.meta.url.
export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'node/cli': 'src/node/cli.ts', 'node/thread-main': 'src/node/thread-main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' } },
  sourcemap: true,
  clean: true,
  treeshake: true,
  shims: true,
});
