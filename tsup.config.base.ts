import { type Options, defineConfig } from 'tsup';

/** What a package's build may add to the shared one. */
export interface PackageBuildOptions {
  /** Also build src/node/index.ts, for packages with a Node-only `./node` subpath. */
  node?: boolean;
  /** More public entries with their types, e.g. `{ csv: 'src/csv.ts' }` for a `./csv` subpath. */
  entries?: Record<string, string>;
  /** Entries beyond the public ones (a bin, a worker's entry): built, but given no types. */
  internal?: Record<string, string>;
  /** Give the CommonJS build an `import.meta.url` (for code that finds files beside itself). */
  shims?: boolean;
}

/**
 * The build every package shares: ESM and CommonJS with type declarations and source maps,
 * from src/index.ts, plus src/node/index.ts for packages with a Node-only `./node` subpath.
 */
export function packageBuild(options: PackageBuildOptions = {}): Options | Options[] {
  const publicEntries: Record<string, string> = {
    index: 'src/index.ts',
    ...(options.node ? { 'node/index': 'src/node/index.ts' } : {}),
    ...options.entries,
  };
  return defineConfig({
    entry: { ...publicEntries, ...options.internal },
    format: ['esm', 'cjs'],
    dts: { entry: publicEntries },
    sourcemap: true,
    // The maps point at src/, which the tarball ships once; embedding the sources again in
    // both builds' maps would put three copies of the TypeScript in every tarball.
    esbuildOptions(esbuild) {
      esbuild.sourcesContent = false;
    },
    clean: true,
    treeshake: true,
    shims: options.shims ?? false,
  }) as Options | Options[];
}
