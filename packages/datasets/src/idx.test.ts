import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type IdxArray, decodeIdx, encodeIdx, parseIdx } from './idx.js';

const images: IdxArray = { dtype: 'uint8', shape: [2, 3, 2], data: Uint8Array.from({ length: 12 }, (_, i) => i * 20) };

describe('parseIdx', () => {
  it('reads the header of an MNIST-style images file', () => {
    const bytes = encodeIdx(images);
    expect([...bytes.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2]);
    const back = parseIdx(bytes);
    expect(back.dtype).toBe('uint8');
    expect(back.shape).toEqual([2, 3, 2]);
    expect([...back.data]).toEqual([...images.data]);
    expect(back.data.buffer).toBe(bytes.buffer);
  });

  it('round-trips every element type through big-endian bytes', () => {
    const cases: IdxArray[] = [
      { dtype: 'int8', shape: [3], data: Int8Array.from([-128, 0, 127]) },
      { dtype: 'int16', shape: [2], data: Int16Array.from([-300, 1234]) },
      { dtype: 'int32', shape: [2], data: Int32Array.from([-70000, 2 ** 31 - 1]) },
      { dtype: 'float32', shape: [2], data: Float32Array.from([1.5, -0.25]) },
      { dtype: 'float64', shape: [1, 2], data: Float64Array.from([Math.PI, -1e300]) },
    ];
    for (const c of cases) {
      const back = parseIdx(encodeIdx(c));
      expect(back.dtype).toBe(c.dtype);
      expect(back.shape).toEqual(c.shape);
      expect([...back.data]).toEqual([...c.data]);
    }
    expect([...encodeIdx(cases[1]).subarray(8)]).toEqual([0xfe, 0xd4, 0x04, 0xd2]);
  });

  it('refuses a bad magic number, an unknown type and zero dimensions', () => {
    expect(() => parseIdx(Uint8Array.from([0x50, 0x4b, 3, 4]), 'x.zip'))
      .toThrow('parseIdx: x.zip: bad magic number: expected the first two bytes to be 0x00 0x00, got 0x50 0x4b (not an IDX file)');
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow('unknown element type byte 0x0a');
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]))).toThrow('declares 0 dimensions');
    expect(() => parseIdx(Uint8Array.from([0, 0]))).toThrow('is 2 bytes long, shorter than the 4-byte IDX magic number');
  });

  it('refuses a truncated header, truncated data and trailing bytes with the byte counts', () => {
    const bytes = encodeIdx(images);
    expect(() => parseIdx(bytes.subarray(0, 10))).toThrow('is truncated: its header needs 16 bytes for 3 dimensions, got 10');
    expect(() => parseIdx(bytes.subarray(0, 27), 'train-images'))
      .toThrow('parseIdx: train-images: is truncated: dimensions [2, 3, 2] of uint8 need 28 bytes, got 27');
    const padded = new Uint8Array(30);
    padded.set(bytes);
    expect(() => parseIdx(padded)).toThrow('has 2 bytes after the data: dimensions [2, 3, 2] of uint8 need exactly 28 bytes, got 30');
  });

  it('says to decompress gzip first', () => {
    expect(() => parseIdx(gzipSync(encodeIdx(images)))).toThrow('is gzip-compressed: decompress it first');
  });
});

describe('decodeIdx', () => {
  it('decompresses gzip transparently and passes raw bytes through', async () => {
    const raw = encodeIdx(images);
    expect((await decodeIdx(gzipSync(raw))).shape).toEqual([2, 3, 2]);
    expect([...(await decodeIdx(raw)).data]).toEqual([...images.data]);
  });

  it('refuses a truncated gzip stream with the reason', async () => {
    const gz = gzipSync(encodeIdx(images));
    await expect(decodeIdx(gz.subarray(0, gz.length - 12), 'a.gz')).rejects.toThrow(/^decodeIdx: a.gz: gzip data is corrupted or truncated/);
  });

  it('refuses an unknown option', async () => {
    await expect(decodeIdx(encodeIdx(images), 'a', { limit: 10 } as object)).rejects.toThrow("decodeIdx: unknown option 'limit'");
  });
});

describe('decodeIdx against decompression bombs', () => {
  // 16 MiB of zeros gzip to ~16 KiB; the header claims 10 images of 4×4 (176 bytes).
  const header = encodeIdx({ dtype: 'uint8', shape: [10, 4, 4], data: new Uint8Array(160) }).subarray(0, 16);
  const bomb = new Uint8Array(16 * 2 ** 20);
  bomb.set(header);
  const gz = gzipSync(bomb);

  it('stops soon after the size the IDX header implies', async () => {
    const error = await decodeIdx(gz, 'bomb.gz').then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/^decodeIdx: bomb\.gz: gunzips to more than the 176 bytes its IDX header implies; stopped after (\d+) bytes/);
    const stoppedAfter = Number(/stopped after (\d+)/.exec(error?.message ?? '')?.[1]);
    expect(stoppedAfter).toBeLessThan(2 ** 20); // far below the 16 MiB it would inflate to
  });

  it('refuses a header implying more than a known size', async () => {
    await expect(decodeIdx(gzipSync(encodeIdx(images)), 'x.gz', { maxBytes: 20 }))
      .rejects.toThrow('decodeIdx: x.gz: its IDX header implies 28 bytes, more than the 20 expected');
  });
});
