import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@mlpkit/nn/node';
import { MlpkitError } from '@mlpkit/tensor';
import { claimWritablePath } from './writable-path.js';

/**
 * A `fit({ checkpoint })` target that keeps the latest training checkpoint at `path`, written
 * atomically (temporary file, flushed, renamed), so a run killed at any moment leaves the
 * previous checkpoint or the new one, whole. The path is made ready at once, before any
 * training: its directory is created (as `ModelCheckpoint` does) and this process becomes its
 * one writer, so a path that cannot be written, or that another process writes, is refused
 * here with a message naming the cause or the other writer.
 *
 * @example
 * await fit(model, { ...options, checkpoint: checkpointFile('run.ckpt') });
 * // after a crash:
 * await fit(model, { ...options, resumeFrom: await readCheckpointFile('run.ckpt') });
 */
export function checkpointFile(path: string): { save(bytes: Uint8Array): Promise<void> } {
  claimWritablePath(path, 'checkpointFile');
  return { save: (bytes) => writeFileAtomic(path, bytes) };
}

/** The bytes of a checkpoint written by {@link checkpointFile}; a missing file is refused with its path. */
export async function readCheckpointFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MlpkitError('readCheckpointFile', code === 'ENOENT' ? `no checkpoint at ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
}
