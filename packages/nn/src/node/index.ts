import { readFile } from 'node:fs/promises';
import { type LoadSafetensorsOptions, type SafetensorsContents, loadSafetensors } from '../load-safetensors.js';
import type { StateDict } from '../module.js';
import { type SafetensorsMetadata, saveSafetensors } from '../save-safetensors.js';
import { writeFileAtomic } from './write-file-atomic.js';

export { removeStaleTemporaries, writeFileAtomic } from './write-file-atomic.js';
export { holdWriterLock, releaseWriterLock } from './writer-lock.js';

/**
 * Saves a state dict as a safetensors file with an optional metadata block. The bytes are built
 * before the file is touched and written atomically, so a failure never destroys an existing file.
 *
 * @example
 * await saveFile('model.safetensors', model.stateDict(), { epoch: '5' });
 */
export async function saveFile(path: string, state: StateDict, metadata?: SafetensorsMetadata): Promise<void> {
  await writeFileAtomic(path, saveSafetensors(state, metadata));
}

/**
 * Reads a safetensors file; a corrupt, truncated or altered file is refused with the reason
 * (see `loadSafetensors`).
 *
 * @example
 * const { tensors } = await loadFile('model.safetensors');
 * model.loadStateDict(tensors);
 */
export async function loadFile(path: string, options?: LoadSafetensorsOptions): Promise<SafetensorsContents> {
  return loadSafetensors(await readFile(path), options);
}
