import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MlpkitError } from '@mlpkit/tensor';
import { type IdxArray, isGzip, parseIdx } from '../idx.js';

const gunzipAsync = promisify(gunzip);

/** Decompresses `bytes` if they are gzip, with the reason in the error when the stream is damaged. */
export async function maybeGunzip(bytes: Uint8Array, source: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return new Uint8Array(await gunzipAsync(bytes));
  } catch (error) {
    throw new MlpkitError('readIdxFile', `${source}: gzip data is corrupted or truncated (${(error as Error).message})`);
  }
}

/**
 * Reads and validates an IDX file from disk; `.gz` (or any gzip content) is decompressed
 * transparently. Refuses a truncated or corrupted file with the reason (see `parseIdx`).
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MlpkitError('readIdxFile', `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseIdx(await maybeGunzip(bytes, path), path);
}
