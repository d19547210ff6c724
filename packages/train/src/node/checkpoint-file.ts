import { readFile } from 'node:fs/promises';
import { holdWriterLock, writeFileAtomic } from '@mlpkit/nn/node';
import { MlpkitError } from '@mlpkit/tensor';

/**
 * A `fit({ checkpoint })` target that keeps the latest training checkpoint at `path`, written
 * atomically (temporary file, flushed, renamed), so a run killed at any moment leaves the
 * previous checkpoint or the new one, whole. The path has one writer: a second process saving
 * to it is refused with a message naming the first.
 *
 * @example
 * await fit(model, { ...options, checkpoint: checkpointFile('run.ckpt') });
 * // after a crash:
 * await fit(model, { ...options, resumeFrom: await readCheckpointFile('run.ckpt') });
 */
export function checkpointFile(path: string): { save(bytes: Uint8Array): Promise<void> } {
  return {
    save: (bytes) => {
      holdWriterLock(path, 'checkpointFile');
      return writeFileAtomic(path, bytes);
    },
  };
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
