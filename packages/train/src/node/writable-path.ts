import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { holdWriterLock } from '@mlpkit/nn/node';
import { MlpkitError } from '@mlpkit/tensor';

/**
 * Creates the directory `path` will be written in (and its parents), refusing with an
 * `MlpkitError` for `op` that names the directory and the path, so a caller can check a path
 * before any work is spent on what it will hold.
 *
 * @example
 * makeParentDirectory('out/run-1/results.jsonl', 'runSearch'); // creates out/run-1
 */
export function makeParentDirectory(path: string, op: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new MlpkitError(op, `cannot create the directory ${dir} for ${path}: ${(error as Error).message}`);
  }
}

/**
 * Makes `path` ready to be written by this process alone: creates its directory and takes its
 * writer lock. Called before training starts, so a path that cannot be written (or that
 * another run writes) is refused before an epoch's work is spent, not at the first save.
 */
export function claimWritablePath(path: string, op: string): void {
  makeParentDirectory(path, op);
  holdWriterLock(path, op);
}
