import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { MlpkitError } from '@mlpkit/tensor';
import { gunzipBounded } from '../gunzip-bounded.js';
import { idxSizeGuard, isGzip } from '../idx.js';

/** The SHA-256 (hex) of a file, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function startsWithGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(new Uint8Array(2), 0, 2, 0);
    return isGzip(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * The SHA-256 of a gzip file's content, gunzipped as a stream that stops as soon as the output
 * outgrows `maxBytes` or the size its IDX header implies. Null when the file is not gzip.
 */
export async function gunzippedSha256File(path: string, maxBytes?: number, label = path): Promise<string | null> {
  if (!(await startsWithGzip(path))) return null;
  const hash = createHash('sha256');
  const guard = idxSizeGuard(label, maxBytes);
  const input = Readable.toWeb(createReadStream(path, { highWaterMark: 4096 })) as ReadableStream<Uint8Array>;
  await gunzipBounded(input, label, (chunk, total) => {
    guard(chunk, total);
    hash.update(chunk);
  });
  return hash.digest('hex');
}

/**
 * Checks that the file at `path` is a pinned copy: its SHA-256, or that of its gunzipped IDX
 * content (at most `maxBytes`), is one of `accepted`. An empty list accepts anything. `rawDigest`
 * skips re-reading the file when the caller hashed it while writing. Throws an `op` error naming
 * the file (or `label`) and both digests; `hint` is appended to it.
 */
export async function checkFileDigest(
  op: string, path: string, accepted: readonly string[],
  options: { maxBytes?: number; rawDigest?: string; hint?: string; label?: string } = {},
): Promise<void> {
  if (accepted.length === 0) return;
  const label = options.label ?? path;
  const raw = options.rawDigest ?? await sha256File(path);
  if (accepted.includes(raw)) return;
  let content: string | null = null;
  let unreadable = '';
  try {
    content = await gunzippedSha256File(path, options.maxBytes, label);
  } catch (error) {
    unreadable = `; its gzip content cannot be checked either: ${(error as Error).message}`;
  }
  if (content !== null && accepted.includes(content)) return;
  throw new MlpkitError(op, `checksum mismatch: ${label} has sha256 ${raw}${content ? ` (gunzipped ${content})` : ''}, ` +
    `expected one of ${accepted.join(', ')}${unreadable}${options.hint ?? ''}`);
}
