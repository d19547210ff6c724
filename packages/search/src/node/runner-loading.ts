// What a trial runner (worker thread or child process) needs to load this package and the trial
// module: its entry file, tsx for TypeScript, and the parent's `--conditions`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MlpkitError } from '@mlpkit/tensor';

const TS = /\.[mc]?ts$/;

/** Whether `path` (a path or URL) is TypeScript. */
export function isTypeScript(path: string): boolean {
  return TS.test(path);
}

/** A tsx entry point (`tsx/esm/api` or `tsx/esm`) as an ESM file URL, or undefined when tsx is not installed. */
export function tsxUrl(entry: 'tsx/esm/api' | 'tsx/esm'): string | undefined {
  try {
    const resolved = createRequire(import.meta.url).resolve(entry);
    return pathToFileURL(resolved.replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return undefined;
  }
}

/** tsx for a runner that loads TypeScript (its entry or the trial module), refused with a message when it is missing. */
export function tsxFor(entry: string, module: string, which: 'tsx/esm/api' | 'tsx/esm'): string | undefined {
  if (!isTypeScript(entry) && !isTypeScript(module)) return undefined;
  const url = tsxUrl(which);
  if (!url) throw new MlpkitError('search', `${module} is TypeScript: install tsx (npm install -D tsx) so trial runners can load it`);
  return url;
}

/**
 * The parent's `--conditions` flags (which exports of the packages to load), plus the monorepo's
 * source condition when the runner's entry is this package's TypeScript source.
 */
export function conditionFlags(argv: readonly string[], entry: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (/^(--conditions|-C)=/.test(argv[i])) out.push(argv[i]);
    else if ((argv[i] === '--conditions' || argv[i] === '-C') && i + 1 < argv.length) out.push(argv[i], argv[++i]);
  }
  if (isTypeScript(entry) && !out.some((a) => a.includes('mlpkit-source'))) out.push('--conditions=mlpkit-source');
  return out;
}

/** A runner's entry as a URL: beside this file in the sources; in the build, beside it or (from a shared chunk) in node/. */
export function runnerEntry(name: 'thread-main' | 'process-main'): string {
  if (isTypeScript(import.meta.url)) return new URL(`./${name}.ts`, import.meta.url).href;
  for (const rel of [`./${name}.js`, `./node/${name}.js`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new MlpkitError('search', `cannot find the trial runner's entry ${name}.js near ${import.meta.url}; is the package's dist complete?`);
}
