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
    // The maps point at src/, which the tarball ships once; embedding the sources again in
    // both builds' maps would put three copies of the TypeScript in every tarball.
    esbuildOptions(esbuild) {
      esbuild.sourcesContent = false;
    },
    clean: true,
    treeshake: true,
  }) as Options | Options[];
}
