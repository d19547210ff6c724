import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@mlpkit/nn/node';
import type { Module } from '@mlpkit/nn';
import { MlpkitError } from '@mlpkit/tensor';
import { type LoadedModel, loadModel } from '../model-file/load-model.js';
import { type SaveModelOptions, saveModel } from '../model-file/save-model.js';

/**
 * Saves the whole model (see `saveModel`) to `path` atomically: the bytes are built first,
 * written to a temporary file beside it and flushed to disk, then renamed over `path`, so a
 * crash leaves either the old file or the new one, never half of one.
 *
 * @example
 * await saveModelFile('model.safetensors', model, { scaler });
 */
export async function saveModelFile(path: string, model: Module, options: SaveModelOptions = {}): Promise<void> {
  await writeFileAtomic(path, saveModel(model, options));
}

/**
 * Reads a model file written by `saveModelFile` and rebuilds the model (see `loadModel`); a
 * missing file is refused with its path.
 *
 * @example
 * const { model, scaler } = await loadModelFile('model.safetensors');
 */
export async function loadModelFile(path: string): Promise<LoadedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MlpkitError('loadModelFile', code === 'ENOENT' ? `no model file at ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return loadModel(bytes);
  } catch (error) {
    if (error instanceof MlpkitError) throw new MlpkitError('loadModelFile', `${path}: ${error.message}`);
    throw error;
  }
}
