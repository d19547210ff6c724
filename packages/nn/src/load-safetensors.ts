import { type DType, MlpkitError, type Tensor, allocate, checkOptions, describe, forbiddenKeys, fromTypedArray, repeatedJsonKey, sizeOf } from '@mlpkit/tensor';
import type { StateDict } from './module.js';
import type { SafetensorsMetadata } from './save-safetensors.js';
import { DIGEST_KEY, DIGEST_PREFIX, contentDigest } from './safetensors-digest.js';
import { decodeHalf, hostIsLittleEndian, readableCodes } from './safetensors-dtypes.js';

/**
 * What `loadSafetensors` returns: the tensors by name and the `__metadata__` strings (without
 * mlpkit's digest), both objects without a prototype.
 */
export interface SafetensorsContents {
  tensors: StateDict;
  metadata: SafetensorsMetadata;
  /** Whether the file carried an mlpkit digest, which matched (files written elsewhere have none). */
  verified: boolean;
}

/** Options of {@link loadSafetensors}. */
export interface LoadSafetensorsOptions {
  /** Refuse a file without an mlpkit digest (default false: PyTorch's files have none). */
  requireDigest?: boolean;
}

// Same ceiling as the reference implementation: a larger header is a corrupt length field.
const MAX_HEADER = 100_000_000;

function refuse(reason: string): never {
  throw new MlpkitError('loadSafetensors', `not a valid safetensors file: ${reason}`);
}

interface Entry { name: string; code: string; shape: number[]; begin: number; end: number }

function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8) refuse(`it has ${bytes.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (length > MAX_HEADER) refuse(`the header length field says ${length} bytes, more than the ${MAX_HEADER} allowed`);
  if (8 + length > bytes.length) refuse(`truncated: the header says ${length} bytes but only ${bytes.length - 8} follow`);
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, where the '{' check below refuses it, as the format does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + length));
  } catch {
    refuse('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) refuse(`the header must be a JSON object starting with '{', got ${JSON.stringify(text.slice(0, 20))}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    refuse(`the header is not valid JSON (${(error as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) refuse('the header is not a JSON object');
  // JSON.parse keeps the last of two equal keys: another reader would see the other tensor or field.
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) refuse(`the header holds the key ${JSON.stringify(repeated)} twice in one object`);
  return { header: header as Record<string, unknown>, dataStart: 8 + length };
}

/** A name from the file that cannot reach a prototype, however it is used later (whole or split at dots). */
export function checkPlainName(name: string, what: string, fail: (reason: string) => never): void {
  const bad = name.split('.').find((part) => forbiddenKeys.has(part));
  if (bad !== undefined) fail(`${what} ${JSON.stringify(name)} contains '${bad}', which could reach an object prototype`);
}

function readMetadata(raw: unknown): SafetensorsMetadata {
  const out: SafetensorsMetadata = Object.create(null);
  if (raw === undefined) return out;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) refuse('__metadata__ must be an object of strings');
  for (const [key, value] of Object.entries(raw)) {
    checkPlainName(key, 'the metadata key', refuse);
    if (typeof value !== 'string') refuse(`__metadata__.${key} must be a string, got ${typeof value}`);
    out[key] = value;
  }
  return out;
}

function readEntry(name: string, raw: unknown): Entry {
  checkPlainName(name, 'the tensor name', refuse);
  if (!raw || typeof raw !== 'object') refuse(`the entry for '${name}' is not an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (!(typeof dtype === 'string' && Object.hasOwn(readableCodes, dtype))) refuse(`'${name}' has dtype ${JSON.stringify(dtype)}; readable dtypes are ${Object.keys(readableCodes).join(', ')}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) refuse(`'${name}' has shape ${JSON.stringify(shape)}, not a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1])
    refuse(`'${name}' has data_offsets ${JSON.stringify(offsets)}, not [begin, end] with 0 <= begin <= end`);
  const expected = sizeOf(shape) * readableCodes[dtype].bytes;
  if (offsets[1] - offsets[0] !== expected) refuse(`'${name}' (${dtype} ${JSON.stringify(shape)}) needs ${expected} bytes but data_offsets span ${offsets[1] - offsets[0]}`);
  return { name, code: dtype, shape, begin: offsets[0], end: offsets[1] };
}

/** The byte ranges must tile the data block exactly: no gap, no overlap, nothing past the end. */
function checkCoverage(entries: Entry[], dataLength: number): void {
  let at = 0;
  for (const e of [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (e.begin !== at) refuse(e.begin < at ? `'${e.name}' overlaps the tensor before it` : `there is a gap of ${e.begin - at} bytes before '${e.name}'`);
    at = e.end;
  }
  if (at > dataLength) refuse(`truncated: the tensors need ${at} bytes of data but only ${dataLength} are present`);
  if (at < dataLength) refuse(`${dataLength - at} bytes after the last tensor belong to no tensor`);
}

function decode(bytes: Uint8Array, e: Entry): Tensor {
  const { bytes: size, dtype } = readableCodes[e.code];
  const count = sizeOf(e.shape);
  const out = allocate(dtype as DType, count);
  const src = bytes.subarray(e.begin, e.end);
  if (e.code === 'BOOL') {
    const at = src.findIndex((v) => v > 1);
    if (at >= 0) refuse(`'${e.name}' is BOOL but holds the byte ${src[at]} at [${at}]; expected 0 or 1`);
  }
  if (size === 1) out.set(src);
  else if (e.code === 'F16' || e.code === 'BF16') decodeHalf(src, out as Float32Array, e.code);
  else if (e.code === 'I64') {
    const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
    for (let i = 0; i < count; i++) {
      const v = view.getBigInt64(i * 8, true);
      if (v > 2147483647n || v < -2147483648n) refuse(`'${e.name}' holds the I64 value ${v}, outside the int32 range mlpkit stores`);
      out[i] = Number(v);
    }
  } else if (hostIsLittleEndian) new Uint8Array(out.buffer).set(src);
  else {
    const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
    const read = e.code === 'F32' ? (i: number) => view.getFloat32(i * 4, true) : e.code === 'F64' ? (i: number) => view.getFloat64(i * 8, true) : (i: number) => view.getInt32(i * 4, true);
    for (let i = 0; i < count; i++) out[i] = read(i);
  }
  return fromTypedArray(out, e.shape);
}

/**
 * Checks mlpkit's digest when the file has one, and takes it out of the metadata. A digest-like
 * value under another key means the key itself was damaged, so it is refused too.
 */
function verifyDigest(metadata: SafetensorsMetadata, entries: Entry[], data: Uint8Array, required: boolean): boolean {
  for (const [key, value] of Object.entries(metadata))
    if (key !== DIGEST_KEY && value.startsWith(DIGEST_PREFIX)) refuse(`the metadata key ${JSON.stringify(key)} holds a digest: the key '${DIGEST_KEY}' was damaged`);
  const stored = metadata[DIGEST_KEY];
  if (stored === undefined) {
    if (required) refuse(`it has no '${DIGEST_KEY}' digest, and one was required`);
    return false;
  }
  if (!/^mlpkit-sha256:[0-9a-f]{64}$/.test(stored)) refuse(`__metadata__.${DIGEST_KEY} must be '${DIGEST_PREFIX}' and 64 hex digits, got ${JSON.stringify(stored.slice(0, 90))}`);
  delete metadata[DIGEST_KEY];
  const actual = contentDigest(metadata, entries.map((e) => ({ name: e.name, code: e.code, shape: e.shape, bytes: data.subarray(e.begin, e.end) })));
  if (actual !== stored) refuse(`its contents do not match the digest it was saved with (the file was changed or damaged after it was written)`);
  return true;
}

/**
 * Parses a safetensors file (Hugging Face format) into tensors and metadata, checking the
 * header length, the JSON, each dtype, shape and byte range, that the ranges tile the data
 * exactly, that no name could reach a prototype, and the SHA-256 digest of the contents that
 * mlpkit writes (files written elsewhere have none and load as they are). F16 and BF16 tensors
 * become float32, I64 ones int32 (refused unless every value fits). A corrupt, truncated or
 * altered file is refused with the reason; works in the browser.
 *
 * @example
 * const { tensors, metadata } = loadSafetensors(bytes);
 * model.loadStateDict(tensors);
 */
export function loadSafetensors(input: Uint8Array | ArrayBuffer, options: LoadSafetensorsOptions = {}): SafetensorsContents {
  checkOptions('loadSafetensors', options, ['requireDigest']);
  // A number would make an empty buffer of that size (or throw deep inside), a string would read as 0 bytes.
  if (!(input instanceof Uint8Array) && !(input instanceof ArrayBuffer))
    throw new MlpkitError('loadSafetensors', `expected the file's bytes (a Uint8Array, Buffer or ArrayBuffer), got ${describe(input)}`);
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const { header, dataStart } = readHeader(bytes);
  const metadata = readMetadata(header.__metadata__);
  const entries = Object.entries(header).filter(([name]) => name !== '__metadata__').map(([name, raw]) => readEntry(name, raw));
  const data = bytes.subarray(dataStart);
  checkCoverage(entries, data.length);
  const verified = verifyDigest(metadata, entries, data, options?.requireDigest ?? false);
  const tensors: StateDict = Object.create(null);
  for (const e of entries) tensors[e.name] = decode(data, e);
  return { tensors, metadata, verified };
}
