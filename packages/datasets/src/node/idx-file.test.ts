import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { readIdxFile } from './idx-file.js';

const labels = encodeIdx({ dtype: 'uint8', shape: [5], data: Uint8Array.from([3, 1, 4, 1, 5]) });
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mlpkit-idx-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('readIdxFile', () => {
  it('reads plain and gzip files alike', async () => {
    await writeFile(join(dir, 'l-idx1-ubyte'), labels);
    await writeFile(join(dir, 'l-idx1-ubyte.gz'), gzipSync(labels));
    for (const name of ['l-idx1-ubyte', 'l-idx1-ubyte.gz']) {
      const idx = await readIdxFile(join(dir, name));
      expect(idx.shape).toEqual([5]);
      expect([...idx.data]).toEqual([3, 1, 4, 1, 5]);
    }
  });

  it('refuses a truncated gzip file and a truncated IDX inside good gzip, naming the file', async () => {
    const gz = gzipSync(labels);
    const cut = join(dir, 'cut.gz');
    await writeFile(cut, gz.subarray(0, gz.length - 10));
    await expect(readIdxFile(cut)).rejects.toThrow(`decodeIdx: ${cut}: gzip data is corrupted or truncated`);
    const short = join(dir, 'short.gz');
    await writeFile(short, gzipSync(labels.subarray(0, 11)));
    await expect(readIdxFile(short)).rejects.toThrow(`parseIdx: ${short}: is truncated: dimensions [5] of uint8 need 13 bytes, got 11`);
  });

  it('refuses a corrupted gzip file', async () => {
    const gz = Uint8Array.from(gzipSync(labels));
    gz[gz.length - 6] ^= 0xff; // inside the CRC-32 / length trailer
    const bad = join(dir, 'bad.gz');
    await writeFile(bad, gz);
    await expect(readIdxFile(bad)).rejects.toThrow(/gzip data is corrupted or truncated/);
  });

  it('names a missing file', async () => {
    await expect(readIdxFile(join(dir, 'nope'))).rejects.toThrow(/^readIdxFile: cannot read .*nope: ENOENT/);
  });
});
