import { readFile } from 'node:fs/promises';
import { MlpkitError } from '@mlpkit/tensor';
import { type IdxArray, decodeIdx } from '../idx.js';

/**
 * Reads and validates an IDX file from disk; `.gz` (or any gzip content) is decompressed
 * transparently, stopping as soon as the output outgrows the size the IDX header implies (or
 * `maxBytes`). Refuses a truncated or corrupted file with the reason (see `parseIdx`).
 */
export async function readIdxFile(path: string, options: { maxBytes?: number } = {}): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MlpkitError('readIdxFile', `cannot read ${path}: ${(error as Error).message}`);
  }
  return decodeIdx(bytes, path, options);
}
