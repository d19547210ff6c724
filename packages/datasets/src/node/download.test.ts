import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { downloadFile, writeFileAtomic } from './download.js';
import { DRIP_MS, type LocalMirror, startLocalMirror } from './local-mirror.test-helper.js';

const raw = encodeIdx({ dtype: 'uint8', shape: [64, 8, 8], data: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) % 256) });
const gz = gzipSync(raw);
const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const NAME = 'images-idx3-ubyte.gz';

let mirror: LocalMirror;
let dir: string;
beforeAll(async () => { mirror = await startLocalMirror({ [NAME]: gz }); });
afterAll(async () => { await mirror.close(); });
beforeEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(join(tmpdir(), 'mlpkit-download-'));
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const dest = (): string => join(dir, NAME);

describe('downloadFile', () => {
  it('downloads, verifies the file digest and leaves only the file', async () => {
    await downloadFile([mirror.url('ok')], NAME, dest(), { sha256: [digest(gz)] });
    expect(digest(await readFile(dest()))).toBe(digest(gz));
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('reports progress as bytes arrive', async () => {
    const seen: [number, number | undefined, string?][] = [];
    await downloadFile([mirror.url('ok')], NAME, dest(), { sha256: [digest(gz)], onProgress: (...a) => { seen.push(a); } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([gz.length, gz.length, NAME]);
  });

  it('accepts the digest of the decompressed content (a recompressed copy)', async () => {
    await downloadFile([mirror.url('ok')], NAME, dest(), { sha256: ['0'.repeat(64), digest(raw)] });
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('falls back to the next mirror', async () => {
    await downloadFile([mirror.url('missing'), mirror.url('ok')], NAME, dest(), { sha256: [digest(gz)] });
    expect(await readdir(dir)).toEqual([NAME]);
  });

  const failures: [string, Parameters<LocalMirror['url']>[0], RegExp][] = [
    ['a 404', 'missing', /HTTP 404 Not Found/],
    ['a truncated body', 'truncated', /truncated: connection closed after \d+ of \d+ bytes/],
    ['a wrong checksum', 'corrupt', /checksum mismatch: the body has sha256 [0-9a-f]{64}.*expected one of/],
    ['an HTTP 500', 'error', /HTTP 500 Internal Server Error/],
    ['a stalled connection', 'stall', /connection stalled: no data for 300 ms after 8 bytes/],
    ['a server that never answers', 'silent', /connection stalled: no data for 300 ms after 0 bytes/],
  ];
  for (const [what, mode, reason] of failures) {
    it(`fails clearly on ${what} and leaves no file behind`, async () => {
      const error = await downloadFile([mirror.url(mode)], NAME, dest(), { sha256: [digest(gz)], timeoutMs: 300 })
        .then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(new RegExp(`^download: could not download ${NAME} from any mirror:\\n  http://127\\.0\\.0\\.1:\\d+/${mode}/${NAME}: `));
      expect(error?.message).toMatch(reason);
      expect(await readdir(dir)).toEqual([]);
    });
  }

  const fast = { timeoutMs: 1000, rateWindowMs: 150, minBytesPerSecond: 100 };
  const slow: [string, Parameters<typeof downloadFile>[3], RegExp][] = [
    ['below the minimum rate', { ...fast }, /too slow: \d+ bytes in the last 150 ms, below the minimum of 100 bytes\/s/],
    ['past the overall deadline', { ...fast, minBytesPerSecond: 0, deadlineMs: 300 }, /not finished after the 300 ms deadline \(\d+ bytes received\)/],
  ];
  for (const [what, options, reason] of slow) {
    it(`gives up on a server dripping one byte every ${DRIP_MS} ms ${what}`, async () => {
      const error = await downloadFile([mirror.url('drip')], NAME, dest(), { sha256: [digest(gz)], ...options }).then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(reason);
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it('refuses a body longer than any copy of the file can be, declared or not, before holding it', async () => {
    const options = { sha256: [digest(gz)], contentBytes: raw.length };
    await expect(downloadFile([mirror.url('oversized')], NAME, dest(), options))
      .rejects.toThrow(/oversized\/images-idx3-ubyte\.gz: body of 419430400 bytes is larger than the \d+ bytes any copy of this file can be/);
    await expect(downloadFile([mirror.url('unlimited')], NAME, dest(), options))
      .rejects.toThrow(/unlimited\/images-idx3-ubyte\.gz: body exceeds the \d+ bytes any copy of this file can be/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('skips a bad URL, a refused connection, a 500 and a wrong digest to reach the good mirror', async () => {
    const closed = await startLocalMirror({});
    const refused = closed.url('ok');
    await closed.close();
    await downloadFile(['not a url', 'ftp://127.0.0.1:1/x/', refused, mirror.url('error'), mirror.url('corrupt'), mirror.url('ok')], NAME, dest(),
      { sha256: [digest(gz)], contentBytes: raw.length });
    expect(digest(await readFile(dest()))).toBe(digest(gz));
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('stops gunzipping a bomb for its digest soon after the size its IDX header implies', async () => {
    const bombRaw = new Uint8Array(16 * 2 ** 20);
    bombRaw.set(raw.subarray(0, 16));
    const bomb = await startLocalMirror({ [NAME]: gzipSync(bombRaw) });
    try {
      const error = await downloadFile([bomb.url('ok')], NAME, dest(), { sha256: [digest(raw)] }).then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(/gunzips to more than the 4112 bytes its IDX header implies; stopped after \d+ bytes/);
      expect(Number(/stopped after (\d+)/.exec(error?.message ?? '')?.[1])).toBeLessThan(2 ** 20);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await bomb.close();
    }
  });

  it('leaves no directory it made behind when every mirror fails', async () => {
    const deep = join(dir, 'a', 'b', NAME);
    await expect(downloadFile([mirror.url('missing')], NAME, deep)).rejects.toThrow('HTTP 404');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses unknown options', async () => {
    await expect(downloadFile([mirror.url('ok')], NAME, dest(), { timeout: 5 } as never)).rejects.toThrow("download: unknown option 'timeout' (expected 'sha256', ");
  });

  it('never clobbers a good file with a failed download', async () => {
    await writeFile(dest(), gz);
    await expect(downloadFile([mirror.url('corrupt')], NAME, dest(), { sha256: [digest(gz)] })).rejects.toThrow('checksum mismatch');
    expect(digest(await readFile(dest()))).toBe(digest(gz));
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('says why a refused connection failed', async () => {
    const closed = await startLocalMirror({});
    const url = closed.url('ok');
    await closed.close();
    await expect(downloadFile([url], NAME, dest())).rejects.toThrow(/fetch failed: .*ECONNREFUSED/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temporary files a killed download of the same file left, and only those', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    const dead = child.pid!; // a pid no process has any more
    const stale = `.${NAME}.${dead}.deadbeef.part`;
    const kept = [
      `.${NAME}.${process.ppid}.deadbeef.part`, // a live writer: it may still rename it
      `.${NAME}.${process.pid}.deadbeef.part`, // this process's own
      `.labels-idx1-ubyte.gz.${dead}.deadbeef.part`, // another file's
      `.${NAME}.${dead}.deadbeef.tmp`, // not one of ours
    ];
    for (const name of [stale, ...kept]) await writeFile(join(dir, name), 'half a body');
    await downloadFile([mirror.url('ok')], NAME, dest(), { sha256: [digest(gz)] });
    expect((await readdir(dir)).sort()).toEqual([NAME, ...kept].sort());
    await writeFile(join(dir, stale), 'half a body');
    await writeFileAtomic(dest(), gz);
    expect((await readdir(dir)).sort()).toEqual([NAME, ...kept].sort());
  });

  it('lists every mirror\'s reason', async () => {
    await expect(downloadFile([mirror.url('missing'), mirror.url('corrupt')], NAME, dest(), { sha256: [digest(gz)] }))
      .rejects.toThrow(/missing\/images-idx3-ubyte\.gz: HTTP 404[^]*corrupt\/images-idx3-ubyte\.gz: checksum mismatch/);
  });
});
