import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The page program as one ES module for the browser, built from the packages' TypeScript
 * sources. `platform: 'browser'` makes any Node module reached from a main entry a build
 * error, so this also proves those entries are browser-safe.
 */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page-main.ts', import.meta.url))],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false,
    conditions: ['mlpkit-source'], logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
