import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type LoadSafetensorsOptions, type SafetensorsContents, loadSafetensors } from '../load-safetensors.js';
import type { StateDict } from '../module.js';
import { type SafetensorsMetadata, saveSafetensors } from '../save-safetensors.js';

/**
 * Writes `bytes` to `path` atomically: into a temporary file beside it, then renamed over it,
 * so a crash or a full disk leaves the previous file intact instead of half-written.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

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
