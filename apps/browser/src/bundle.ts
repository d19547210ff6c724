import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The page's script and its worker's, as served. */
export interface PageScripts { page: string; worker: string }

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false,
    conditions: ['mlpkit-source'], logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * The page program and its worker, each as one ES module for the browser, built from the
 * packages' TypeScript sources. `platform: 'browser'` makes any Node module reached from a
 * main entry a build error, so this also proves those entries are browser-safe.
 */
export async function bundlePage(): Promise<PageScripts> {
  const [page, worker] = await Promise.all([bundle('./page-main.ts'), bundle('./worker-main.ts')]);
  return { page, worker };
}
