import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { checkFileDigest } from './file-digest.js';
import { removeStaleTemporaries } from './stale-temporaries.js';

/** How `downloadFile` fetches and checks. */
export interface DownloadOptions {
  /** Accepted SHA-256 digests (hex) of the file, or of its gunzipped content. Empty: unchecked. */
  sha256?: readonly string[];
  /**
   * The exact size in bytes of the file's content (gunzipped, for a gzip file), when known: a
   * body longer than any copy of it can be (raw or gzip) is refused as it arrives, and
   * gunzipping for the digest stops past it.
   */
  contentBytes?: number;
  /** Give up on a mirror when no bytes arrive for this long (default 30 000 ms). */
  timeoutMs?: number;
  /** Give up on a mirror that has not finished after this long in all (default 1 800 000 ms). */
  deadlineMs?: number;
  /** Give up on a mirror that sends fewer bytes per second than this over a `rateWindowMs` window (default 1024). */
  minBytesPerSecond?: number;
  /** The window over which the rate is measured (default 10 000 ms). */
  rateWindowMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /**
   * Called as the body arrives with the bytes received, the length the server declared (if
   * any) and the file name; `progressPrinter(title, { unit: 'bytes' })` from
   * `@mlpkit/train/node` draws it.
   */
  onProgress?: (done: number, total: number | undefined, label?: string) => void;
}

const DEFAULTS = { timeoutMs: 30_000, deadlineMs: 1_800_000, minBytesPerSecond: 1024, rateWindowMs: 10_000 };
type Settings = typeof DEFAULTS & Pick<DownloadOptions, 'contentBytes' | 'onProgress'> & { sha256: readonly string[]; fetch: typeof fetch };
const DOWNLOAD_OPTIONS = ['sha256', 'contentBytes', 'timeoutMs', 'deadlineMs', 'minBytesPerSecond', 'rateWindowMs', 'fetch', 'onProgress'] as const satisfies readonly (keyof DownloadOptions)[];

function settings(options: DownloadOptions): Settings {
  checkOptions('download', options, DOWNLOAD_OPTIONS);
  for (const key of ['timeoutMs', 'deadlineMs', 'rateWindowMs', 'contentBytes', 'minBytesPerSecond'] as const) {
    const v = options[key];
    const ok = v === undefined || (typeof v === 'number' && v >= 0 && (key === 'minBytesPerSecond' ? Number.isFinite(v) : v > 0));
    if (!ok) throw new MlpkitError('download', `${key} must be a positive number, got ${String(v)}`);
  }
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS, ...given, sha256: options.sha256 ?? [], fetch: options.fetch ?? globalThis.fetch } as Settings;
}

/** The longest body a copy of `n` content bytes can be: raw, or gzip with stored blocks and a header with a name. */
const largestCopy = (n: number): number => n + 5 * Math.ceil(n / 16_383) + 1024;

/**
 * Streams one URL's body into the new file `path`, hashing it on the way, and returns its
 * SHA-256. Aborts on a stall, a missed deadline, a rate below the minimum, or a body longer
 * than `maxBody`; the caller removes `path` on failure.
 */
async function fetchToFile(url: string, path: string, s: Settings, maxBody: number, label: string): Promise<string> {
  const file = await open(path, 'wx'); // first: the timers below are cleared only once it is open
  const controller = new AbortController();
  let why: string | null = null;
  let received = 0;
  const abort = (reason: string): void => { why ??= reason; controller.abort(); };
  let stall: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(stall);
    stall = setTimeout(() => abort(`connection stalled: no data for ${s.timeoutMs} ms after ${received} bytes`), s.timeoutMs);
  };
  const deadline = setTimeout(() => abort(`not finished after the ${s.deadlineMs} ms deadline (${received} bytes received)`), s.deadlineMs);
  let windowStart = 0;
  let rate: ReturnType<typeof setInterval> | undefined;
  // The rate is measured from the first response on; a slow answer is the stall timer's business.
  const measureRate = (): void => {
    rate = setInterval(() => {
      const got = received - windowStart;
      windowStart = received;
      if (got < s.minBytesPerSecond * s.rateWindowMs / 1000)
        abort(`too slow: ${got} bytes in the last ${s.rateWindowMs} ms, below the minimum of ${s.minBytesPerSecond} bytes/s`);
    }, s.rateWindowMs);
  };
  const hash = createHash('sha256');
  let expected: number | null = null;
  try {
    arm();
    const response = await s.fetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const length = response.headers.get('content-length');
    const declared = length === null ? null : Number(length);
    if (declared !== null && declared > maxBody) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`body of ${declared} bytes is larger than the ${maxBody} bytes any copy of this file can be`);
    }
    expected = declared;
    if (!response.body) throw new Error('response has no body');
    measureRate();
    const reader = response.body.getReader();
    for (;;) {
      arm();
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > maxBody) {
        await reader.cancel().catch(() => undefined);
        throw new Error(`body exceeds the ${maxBody} bytes any copy of this file can be`);
      }
      hash.update(value);
      await file.write(value);
      s.onProgress?.(received, expected ?? undefined, label);
    }
    await file.sync();
  } catch (error) {
    if (why) throw new Error(why);
    if (expected !== null && received < expected)
      throw new Error(`truncated: connection closed after ${received} of ${expected} bytes (${(error as Error).message})`);
    const cause = (error as Error & { cause?: { message?: string } }).cause?.message;
    throw new Error(cause ? `${(error as Error).message}: ${cause}` : (error as Error).message);
  } finally {
    clearTimeout(stall);
    clearTimeout(deadline);
    clearInterval(rate);
    await file.close();
  }
  if (expected !== null && received !== expected) throw new Error(`truncated: received ${received} of ${expected} bytes`);
  return hash.digest('hex');
}

/**
 * A uniquely named temporary path beside `dest`, so that renaming it onto `dest` is atomic; the
 * pid in its name lets a later writer tell one a killed process left (`removeStaleTemporaries`).
 */
const tempPath = (dest: string): string =>
  join(dirname(dest), `.${basename(dest)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);

/** Removes the directories from `dir` up to `top` that `mkdir` just made, if they are still empty. */
async function removeMadeDirs(dir: string, top: string): Promise<void> {
  for (let d = dir; ; d = dirname(d)) {
    if (!(await rmdir(d).then(() => true, () => false))) return;
    if (d === top || relative(top, d).startsWith('..') || dirname(d) === d) return;
  }
}

/**
 * Writes `bytes` to `dest` atomically: a uniquely named temporary file in the same directory,
 * flushed, then renamed. Temporary files of earlier writes of `dest` that were killed are removed first.
 */
export async function writeFileAtomic(dest: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await removeStaleTemporaries(dest);
  const tmp = tempPath(dest);
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
 * Downloads `filename` from each base URL in `mirrors` in turn until one succeeds: a bad URL, a
 * refused connection, an HTTP error, a stalled, too slow or oversized body and a wrong digest
 * each move on to the next mirror. The body streams into a temporary file beside `dest` while
 * it is hashed, and is renamed onto `dest` only once verified, so `dest` either holds a verified
 * file or is untouched, and a failure leaves nothing behind; temporary files of earlier
 * downloads of `dest` whose process was killed are removed first. Fails with every mirror's reason.
 */
export async function downloadFile(mirrors: readonly string[], filename: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const s = settings(options);
  if (mirrors.length === 0) throw new MlpkitError('download', `no mirrors to fetch ${filename} from: mirrors is []`);
  const maxBody = s.contentBytes === undefined ? Infinity : largestCopy(s.contentBytes);
  const made = await mkdir(dirname(dest), { recursive: true });
  await removeStaleTemporaries(dest);
  const reasons: string[] = [];
  for (const base of mirrors) {
    let url = String(base);
    const tmp = tempPath(dest);
    try {
      url = new URL(filename, url.endsWith('/') ? url : `${url}/`).href;
      const raw = await fetchToFile(url, tmp, s, maxBody, filename);
      await checkFileDigest('download', tmp, s.sha256, { maxBytes: s.contentBytes, rawDigest: raw, label: 'the body' });
      await rename(tmp, dest);
      return;
    } catch (error) {
      await rm(tmp, { force: true });
      const e = error as Error;
      reasons.push(`${url}: ${e instanceof MlpkitError ? e.message.slice(e.op.length + 2) : e.message}`);
    }
  }
  if (made) await removeMadeDirs(dirname(dest), made);
  throw new MlpkitError('download', `could not download ${filename} from any mirror:\n  ${reasons.join('\n  ')}`);
}
