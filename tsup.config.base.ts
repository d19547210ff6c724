import { type Options, defineConfig } from 'tsup';

/**
 * The build every package shares: ESM and CommonJS with type declarations and source maps,
 * from src/index.ts, plus src/node/index.ts for packages with a Node-only `./node` subpath.
 */
export function packageBuild(options: { node?: boolean } = {}): Options | Options[] {
  return defineConfig({
    entry: options.node ? { index: 'src/index.ts', 'node/index': 'src/node/index.ts' } : { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
  }) as Options | Options[];
}
