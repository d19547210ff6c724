import { resolve } from 'node:path';

/**
 * A path given on the command line, made absolute against the caller's directory: `pnpm demo`
 * runs the demo from apps/demo, and pnpm keeps the directory it was called from in INIT_CWD.
 */
export function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
