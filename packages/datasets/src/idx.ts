import { MlpkitError, checkOptions, describe, formatShape } from '@mlpkit/tensor';
import { concatBytes, gunzipBounded } from './gunzip-bounded.js';

/** The element types the IDX format defines, by their type byte. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array each IDX element type decodes to. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX file: its element type, its dimensions and its values in row-major order. */
export interface IdxArray {
  /** The element type the file declares. */
  dtype: IdxDType;
  /** The file's dimensions, e.g. `[60000, 28, 28]`. */
  shape: number[];
  /** The values, row-major. */
  data: IdxData;
}

/** Each type byte IDX defines: the element type and its width in bytes. */
export const IDX_TYPES: Readonly<Record<number, { dtype: IdxDType; bytes: number }>> = {
  0x08: { dtype: 'uint8', bytes: 1 },
  0x09: { dtype: 'int8', bytes: 1 },
  0x0b: { dtype: 'int16', bytes: 2 },
  0x0c: { dtype: 'int32', bytes: 4 },
  0x0d: { dtype: 'float32', bytes: 4 },
  0x0e: { dtype: 'float64', bytes: 8 },
};

/**
 * How many bytes gunzipping an IDX file may produce when no `maxBytes` is given: 1 GiB, about
 * twice the largest IDX file in use (EMNIST ByClass's training images, 547 MB). The header's
 * own size bounds a file only as far as the header is honest: one claiming gigabytes would let a
 * gzip file of a few megabytes fill memory with zeros.
 */
export const DEFAULT_MAX_IDX_BYTES = 2 ** 30;

/** The longest IDX header: 4 bytes of magic number and 255 dimensions of 4 bytes. */
const MAX_HEADER_BYTES = 4 + 4 * 255;

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** True when `bytes` starts with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The bytes of an IDX file given as a Uint8Array (a Node Buffer is one) or as the ArrayBuffer
 * that `fetch(...).arrayBuffer()` returns, viewed without copying; anything else is refused.
 */
export function idxBytes(op: string, bytes: unknown, source: string): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new MlpkitError(op, `${source}: expected the file's bytes as a Uint8Array or an ArrayBuffer, got ${describe(bytes)}`);
}

/** What an IDX header says: element type, dimensions, and the header's and whole file's byte lengths. */
interface IdxHeader {
  type: { dtype: IdxDType; bytes: number };
  shape: number[];
  headerBytes: number;
  /** The exact length of the whole file (header and data) the header implies. */
  totalBytes: number;
}

/**
 * Reads an IDX header from the start of a file, or returns null while `prefix` is too short to
 * hold it (a stream may still deliver the rest). Throws on a header `parseIdx` would refuse.
 */
function readIdxHeader(prefix: Uint8Array, fail: (why: string) => never): IdxHeader | null {
  if (prefix.length < 4) return null;
  if (prefix[0] !== 0 || prefix[1] !== 0)
    fail(`bad magic number: expected the first two bytes to be 0x00 0x00, got ${hex(prefix[0])} ${hex(prefix[1])} (not an IDX file)`);
  const type = IDX_TYPES[prefix[2]];
  if (!type) fail(`unknown element type byte ${hex(prefix[2])}: expected one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e`);
  const ndim = prefix[3];
  if (ndim === 0) fail('declares 0 dimensions: expected at least 1');
  const headerBytes = 4 + 4 * ndim;
  if (prefix.length < headerBytes) return null;
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const totalBytes = headerBytes + shape.reduce((a, b) => a * b, 1) * type.bytes;
  if (!Number.isSafeInteger(totalBytes)) fail(`dimensions ${formatShape(shape)} are too large`);
  return { type, shape, headerBytes, totalBytes };
}

/**
 * The exact byte length of the IDX file whose first bytes are `prefix`, as its header implies,
 * or null while `prefix` is too short to hold the header. Throws (naming `source`) on a header
 * that is not IDX. Decompressors use it to stop as soon as a file inflates beyond its size.
 */
export function idxByteLength(prefix: Uint8Array, source = 'IDX data'): number | null {
  return readIdxHeader(prefix, (why) => { throw new MlpkitError('parseIdx', `${source}: ${why}`); })?.totalBytes ?? null;
}

/**
 * Decodes an IDX file (the format of the MNIST and Fashion-MNIST files) from its raw,
 * uncompressed bytes (a Uint8Array or an ArrayBuffer). It checks the magic number (two zero bytes, a known type byte, a
 * dimension count), that every dimension is present, and that the data is exactly as long as
 * the dimensions say: a truncated or padded file is refused with the byte counts. `source`
 * names the file in errors. uint8 data is a zero-copy view of `bytes`.
 */
export function parseIdx(data: Uint8Array | ArrayBuffer, source = 'IDX data'): IdxArray {
  const bytes = idxBytes('parseIdx', data, source);
  const fail = (why: string): never => { throw new MlpkitError('parseIdx', `${source}: ${why}`); };
  if (isGzip(bytes)) fail('is gzip-compressed: decompress it first (decodeIdx and readIdxFile do)');
  if (bytes.length < 4) fail(`is ${bytes.length} bytes long, shorter than the 4-byte IDX magic number`);
  const header = readIdxHeader(bytes, fail);
  if (!header) return fail(`is truncated: its header needs ${4 + 4 * bytes[3]} bytes for ${bytes[3]} dimensions, got ${bytes.length}`);
  const { type, shape, headerBytes, totalBytes: expected } = header;
  const count = (expected - headerBytes) / type.bytes;
  if (bytes.length < expected)
    fail(`is truncated: dimensions ${formatShape(shape)} of ${type.dtype} need ${expected} bytes, got ${bytes.length}`);
  if (bytes.length > expected)
    fail(`has ${bytes.length - expected} bytes after the data: dimensions ${formatShape(shape)} of ${type.dtype} need exactly ${expected} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { dtype: type.dtype, shape, data: decodeData(view, headerBytes, count, type.dtype, bytes) };
}

function decodeData(view: DataView, offset: number, count: number, dtype: IdxDType, bytes: Uint8Array): IdxData {
  switch (dtype) {
    case 'uint8': return bytes.subarray(offset, offset + count);
    case 'int8': return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count).slice();
    case 'int16': return readBigEndian(count, Int16Array, (i) => view.getInt16(offset + 2 * i, false));
    case 'int32': return readBigEndian(count, Int32Array, (i) => view.getInt32(offset + 4 * i, false));
    case 'float32': return readBigEndian(count, Float32Array, (i) => view.getFloat32(offset + 4 * i, false));
    case 'float64': return readBigEndian(count, Float64Array, (i) => view.getFloat64(offset + 8 * i, false));
  }
}

function readBigEndian<T extends Int16Array | Int32Array | Float32Array | Float64Array>(
  count: number, ctor: new (n: number) => T, get: (i: number) => number,
): T {
  const out = new ctor(count);
  for (let i = 0; i < count; i++) out[i] = get(i);
  return out;
}

/**
 * An output guard for gunzipping an IDX file (see `gunzipBounded`): it reads the header from the
 * first bytes and throws as soon as the output outgrows the length the header implies, or
 * `maxBytes` (a pinned file's known size; {@link DEFAULT_MAX_IDX_BYTES} when not given), naming `source`.
 */
export function idxSizeGuard(source: string, maxBytes?: number): (chunk: Uint8Array, total: number) => void {
  const most = maxBytes ?? DEFAULT_MAX_IDX_BYTES;
  const why = maxBytes === undefined ? ' allowed by default (pass maxBytes to read a larger file)' : ' expected';
  let prefix: Uint8Array = new Uint8Array(0);
  let limit: number | null = null;
  return (chunk, total) => {
    if (limit === null && prefix.length < MAX_HEADER_BYTES) {
      prefix = concatBytes([prefix, chunk.subarray(0, MAX_HEADER_BYTES - prefix.length)], Math.min(MAX_HEADER_BYTES, prefix.length + chunk.length));
      const implied = idxByteLength(prefix, source);
      if (implied !== null && implied > most)
        throw new MlpkitError('decodeIdx', `${source}: its IDX header implies ${implied} bytes, more than the ${most}${why}`);
      if (implied !== null) limit = implied;
    }
    const cap = limit ?? most;
    if (total > cap)
      throw new MlpkitError('decodeIdx', `${source}: gunzips to more than the ${cap} bytes ${limit === null ? 'expected' : 'its IDX header implies'}; ` +
        `stopped after ${total} bytes (a damaged file or a decompression bomb)`);
  };
}

/**
 * Like `parseIdx`, but also accepts gzip-compressed bytes (the `.gz` files of the official
 * mirrors) and decompresses them with the platform's DecompressionStream, in Node and browsers.
 * Decompression stops as soon as the output outgrows the size the IDX header implies (or
 * `maxBytes`, by default {@link DEFAULT_MAX_IDX_BYTES}), so a small gzip "bomb" costs little more
 * than the file it claims to be, and a header claiming more than `maxBytes` is refused at once.
 */
export async function decodeIdx(data: Uint8Array | ArrayBuffer, source = 'IDX data', options: { maxBytes?: number } = {}): Promise<IdxArray> {
  checkOptions('decodeIdx', options, ['maxBytes']);
  const { maxBytes } = options;
  // NaN would compare false with every size and switch the limit off.
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && maxBytes > 0))
    throw new MlpkitError('decodeIdx', `maxBytes: expected a number of bytes > 0, got ${describe(maxBytes)}`);
  const bytes = idxBytes('decodeIdx', data, source);
  if (!isGzip(bytes)) return parseIdx(bytes, source);
  const chunks: Uint8Array[] = [];
  const guard = idxSizeGuard(source, options.maxBytes);
  const total = await gunzipBounded(bytes, source, (chunk, sum) => {
    guard(chunk, sum);
    chunks.push(chunk);
  });
  return parseIdx(concatBytes(chunks, total), source);
}
