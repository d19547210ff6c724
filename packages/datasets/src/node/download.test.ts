import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeIdx } from '../idx.js';
import { downloadFile } from './download.js';
import { type LocalMirror, startLocalMirror } from './local-mirror.test-helper.js';

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
    ['a wrong checksum', 'corrupt', /checksum mismatch: got sha256 [0-9a-f]{64}.*expected one of/],
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

  it('lists every mirror\'s reason', async () => {
    await expect(downloadFile([mirror.url('missing'), mirror.url('corrupt')], NAME, dest(), { sha256: [digest(gz)] }))
      .rejects.toThrow(/missing\/images-idx3-ubyte\.gz: HTTP 404[^]*corrupt\/images-idx3-ubyte\.gz: checksum mismatch/);
  });
});
