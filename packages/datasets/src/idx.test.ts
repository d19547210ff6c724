import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from './encode-idx.js';
import { DEFAULT_MAX_IDX_BYTES, type IdxArray, decodeIdx, parseIdx } from './idx.js';

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

  it('reads an ArrayBuffer (what fetch gives) as well as a Uint8Array, and refuses anything else', async () => {
    const bytes = encodeIdx(images);
    const buffer = bytes.slice().buffer;
    expect([...parseIdx(buffer).data]).toEqual([...images.data]);
    expect((await decodeIdx(buffer)).shape).toEqual([2, 3, 2]);
    expect((await decodeIdx(new Uint8Array(gzipSync(bytes)).buffer)).shape).toEqual([2, 3, 2]);
    expect(() => parseIdx(null as never)).toThrow("parseIdx: IDX data: expected the file's bytes as a Uint8Array or an ArrayBuffer, got null");
    expect(() => parseIdx('abc' as never, 'f.idx')).toThrow('parseIdx: f.idx: expected the file\'s bytes as a Uint8Array or an ArrayBuffer, got the string "abc"');
    await expect(decodeIdx([0, 0, 8, 1] as never)).rejects.toThrow('decodeIdx: IDX data: expected the file\'s bytes as a Uint8Array or an ArrayBuffer, got an array of length 4');
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

describe('encodeIdx', () => {
  const encode = (array: object) => () => encodeIdx(array as IdxArray);

  it('refuses values the dtype would wrap, truncate or overflow', () => {
    expect(encode({ dtype: 'uint8', shape: [2], data: Float32Array.from([1, 300]) })).toThrow('encodeIdx: data[1] is 300, which uint8 cannot hold: expected an integer in 0..255');
    expect(encode({ dtype: 'int8', shape: [1], data: [-129] })).toThrow('data[0] is -129, which int8 cannot hold');
    expect(encode({ dtype: 'int32', shape: [1], data: [1.5] })).toThrow('data[0] is 1.5, which int32 cannot hold');
    expect(encode({ dtype: 'float32', shape: [1], data: [1e39] })).toThrow('data[0] is 1e+39, beyond the largest float32');
    expect(encode({ dtype: 'int16', shape: [1], data: ['1'] })).toThrow('data[0] is the string "1": expected numbers');
    expect([...parseIdx(encodeIdx({ dtype: 'float32', shape: [2], data: Float32Array.from([NaN, -Infinity]) })).data]).toEqual([NaN, -Infinity]);
  });

  it('refuses shapes and dtypes an IDX header cannot say', () => {
    expect(encode({ dtype: 'uint8', shape: [1.5, 2], data: new Uint8Array(3) })).toThrow('encodeIdx: expected non-negative integer dims, got 1.5 at dim 0 of [1.5, 2]');
    expect(encode({ dtype: 'uint8', shape: [0, 2 ** 32 + 1], data: new Uint8Array(0) })).toThrow('encodeIdx: dim 1 of [0, 4294967297] is 4294967297, more than the 4294967295 an IDX header holds');
    expect(encode({ dtype: 'uint8', shape: new Array(256).fill(1), data: new Uint8Array(1) })).toThrow('encodeIdx: an IDX file has 1 to 255 dimensions, got 256');
    expect(encode({ dtype: 'uint8', shape: [], data: new Uint8Array(1) })).toThrow('an IDX file has 1 to 255 dimensions, got 0');
    expect(encode({ dtype: 'unit8', shape: [1], data: new Uint8Array(1) })).toThrow(`encodeIdx: expected dtype 'uint8', 'int8', 'int16', 'int32', 'float32', 'float64', got the string "unit8"`);
    expect(encode({ dtype: 'toString', shape: [1], data: new Uint8Array(1) })).toThrow('got the string "toString"');
    expect(encode({ dtype: 'uint8', shape: [2], data: 'ab' })).toThrow('encodeIdx: expected data to be a typed array or an array of numbers, got the string "ab"');
    expect(encode(null as never)).toThrow('encodeIdx: expected { dtype, shape, data }, got null');
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

  it('refuses a header claiming gigabytes at once, without a known size: its own size is no bound', async () => {
    // 2 GiB of uint8 claimed; the zeros that would follow gzip a thousandfold, so a few MB would fill memory.
    const claim = new Uint8Array(8 + 2 ** 16);
    claim.set([0, 0, 0x08, 1, 0x80, 0, 0, 0]);
    const error = await decodeIdx(gzipSync(claim), 'claim.gz').then(() => null, (e: Error) => e);
    expect(error?.message).toBe(`decodeIdx: claim.gz: its IDX header implies ${2 ** 31 + 8} bytes, more than the ${DEFAULT_MAX_IDX_BYTES} allowed by default (pass maxBytes to read a larger file)`);
    await expect(decodeIdx(gzipSync(claim), 'claim.gz', { maxBytes: NaN })).rejects.toThrow('decodeIdx: maxBytes: expected a number of bytes > 0, got number NaN');
  });

  it('refuses a header implying more than a known size', async () => {
    await expect(decodeIdx(gzipSync(encodeIdx(images)), 'x.gz', { maxBytes: 20 }))
      .rejects.toThrow('decodeIdx: x.gz: its IDX header implies 28 bytes, more than the 20 expected');
  });
});
