import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MlpkitError } from '@mlpkit/tensor';
import { maybeGunzip } from './idx-file.js';

/** How `downloadFile` fetches and checks. */
export interface DownloadOptions {
  /** Accepted SHA-256 digests (hex) of the file, or of its gunzipped content. Empty: unchecked. */
  sha256?: readonly string[];
  /** Give up on a mirror when no bytes arrive for this long (default 30 000 ms). */
  timeoutMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Downloads one URL into memory, aborting when the connection stalls for `timeoutMs`. */
async function fetchBytes(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<Uint8Array> {
  const controller = new AbortController();
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { stalled = true; controller.abort(); }, timeoutMs);
  };
  const chunks: Uint8Array[] = [];
  let received = 0;
  let expected: number | null = null;
  try {
    arm();
    const response = await fetchImpl(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const length = response.headers.get('content-length');
    expected = length === null ? null : Number(length);
    if (!response.body) throw new Error('response has no body');
    const reader = response.body.getReader();
    for (;;) {
      arm();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
    }
  } catch (error) {
    if (stalled) throw new Error(`connection stalled: no data for ${timeoutMs} ms after ${received} bytes`);
    if (expected !== null && received < expected)
      throw new Error(`truncated: connection closed after ${received} of ${expected} bytes (${(error as Error).message})`);
    const cause = (error as Error & { cause?: { message?: string } }).cause?.message;
    throw new Error(cause ? `${(error as Error).message}: ${cause}` : (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
  if (expected !== null && received !== expected) throw new Error(`truncated: received ${received} of ${expected} bytes`);
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

async function checkDigest(bytes: Uint8Array, accepted: readonly string[], name: string): Promise<void> {
  if (accepted.length === 0) return;
  const raw = sha256(bytes);
  if (accepted.includes(raw)) return;
  let content: string | null = null;
  try {
    const inflated = await maybeGunzip(bytes, name);
    if (inflated !== bytes) content = sha256(inflated);
  } catch {
    // A body that is not valid gzip can only match by its raw digest, which it did not.
  }
  if (content !== null && accepted.includes(content)) return;
  throw new Error(`checksum mismatch: got sha256 ${raw}${content ? ` (gunzipped ${content})` : ''}, expected one of ${accepted.join(', ')}`);
}

/** Writes `bytes` to `dest` atomically: a uniquely named temporary file in the same directory, flushed, then renamed. */
export async function writeFileAtomic(dest: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, dest);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Downloads `filename` from each base URL in `mirrors` in turn until one succeeds, verifies its
 * SHA-256, and writes it to `dest` atomically, so `dest` either holds a verified file or does not
 * exist (nothing half-written ever reads as data). Fails with every mirror's reason.
 */
export async function downloadFile(mirrors: readonly string[], filename: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (mirrors.length === 0) throw new MlpkitError('download', `no mirrors to fetch ${filename} from: mirrors is []`);
  const reasons: string[] = [];
  for (const base of mirrors) {
    const url = new URL(filename, base.endsWith('/') ? base : `${base}/`).href;
    try {
      const bytes = await fetchBytes(url, timeoutMs, fetchImpl);
      await checkDigest(bytes, options.sha256 ?? [], url);
      await writeFileAtomic(dest, bytes);
      return;
    } catch (error) {
      reasons.push(`${url}: ${(error as Error).message}`);
    }
  }
  throw new MlpkitError('download', `could not download ${filename} from any mirror:\n  ${reasons.join('\n  ')}`);
}
