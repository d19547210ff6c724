import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MlpkitError } from '@mlpkit/tensor';

const TS = /\.[mc]?ts$/;

/** tsx's ESM API as a file URL, or undefined when tsx is not installed. */
export function tsxApi(): string | undefined {
  try {
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return undefined;
  }
}

/** The thread's entry: beside this file in the sources; in the build, beside it or (from a shared chunk) in node/. */
function threadEntry(): string {
  if (import.meta.url.endsWith('.ts')) return new URL('./thread-main.ts', import.meta.url).href;
  for (const rel of ['./thread-main.js', './node/thread-main.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new MlpkitError('search', `cannot find the worker-thread entry thread-main.js near ${import.meta.url}; is the package's dist complete?`);
}

/**
 * Starts the trial thread for `module`. TypeScript (this package's sources in the monorepo, or a
 * `.ts` trial module) is loaded through tsx, registered inside the thread before anything else:
 * a parent's `--import tsx` does not reach a worker's own entry on Node 20.
 */
export function spawnTrialThread(module: string): Worker {
  const entry = threadEntry();
  const needsTs = TS.test(entry) || TS.test(module);
  const api = needsTs ? tsxApi() : undefined;
  if (needsTs && !api) throw new MlpkitError('search', `${module} is TypeScript: install tsx (npm install -D tsx) so worker threads can load it`);
  const boot = api
    ? `import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`
    : `import(${JSON.stringify(entry)})`;
  const execArgv = [...process.execArgv];
  if (TS.test(entry) && !execArgv.some((a) => a.includes('mlpkit-source'))) execArgv.push('--conditions=mlpkit-source');
  return new Worker(boot, { eval: true, execArgv, workerData: { module } });
}
