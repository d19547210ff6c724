import { MlpkitError, Tensor, describe } from '@mlpkit/tensor';
import { checkPlainName } from './load-safetensors.js';
import type { StateDict } from './module.js';
import { DIGEST_KEY, DIGEST_PREFIX, contentDigest } from './safetensors-digest.js';
import { hostIsLittleEndian, safetensorsCodeOf } from './safetensors-dtypes.js';

/** Free-form string pairs stored in the header's `__metadata__` block (the format allows strings only). */
export type SafetensorsMetadata = Record<string, string>;

const refuse = (reason: string): never => {
  throw new MlpkitError('saveSafetensors', reason);
};

/** A plain object: not null, an array, a string (whose characters would become entries) or a class instance. */
const isPlainObject = (x: unknown): x is object =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && [Object.prototype, null].includes(Object.getPrototypeOf(x));

function checkInputs(state: StateDict, metadata: SafetensorsMetadata | undefined): void {
  if (!isPlainObject(state)) refuse(`expected a state dict (an object of named tensors, e.g. model.stateDict()), got ${describe(state)}`);
  if (metadata !== undefined && !isPlainObject(metadata)) refuse(`expected metadata to be an object of strings, got ${describe(metadata)}`);
  for (const [name, t] of Object.entries(state)) {
    if (name === '__metadata__') refuse(`'__metadata__' is reserved for the metadata block and cannot name a tensor`);
    checkPlainName(name, 'the tensor name', refuse);
    if (!(t instanceof Tensor)) refuse(`entry '${name}' must be a Tensor, got ${typeof t}`);
  }
  for (const [key, value] of Object.entries(metadata ?? {})) {
    checkPlainName(key, 'the metadata key', refuse);
    if (typeof value !== 'string') refuse(`metadata values must be strings (JSON.stringify structured values), got ${typeof value} for '${key}'`);
    if (key === DIGEST_KEY || value.startsWith(DIGEST_PREFIX)) refuse(`the metadata key '${DIGEST_KEY}' and values starting with '${DIGEST_PREFIX}' are reserved for the digest mlpkit writes`);
  }
}

/** The little-endian bytes of one tensor's storage. */
function bytesOf(t: Tensor): Uint8Array {
  const view = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (hostIsLittleEndian || t.data.BYTES_PER_ELEMENT === 1) return view;
  const out = new Uint8Array(view.length), size = t.data.BYTES_PER_ELEMENT;
  for (let i = 0; i < view.length; i += size) for (let b = 0; b < size; b++) out[i + b] = view[i + size - 1 - b];
  return out;
}

/**
 * Serializes a state dict to the safetensors format (Hugging Face): an 8-byte little-endian
 * header length, a JSON header naming each tensor's dtype, shape and byte range (plus an optional
 * `__metadata__` block of strings), then the raw little-endian data. The metadata also gets
 * `mlpkit.sha256`, a digest of the contents that `loadSafetensors` checks (PyTorch ignores it).
 * Works in the browser.
 *
 * @example
 * const bytes = saveSafetensors(model.stateDict(), { epoch: '3' });
 */
export function saveSafetensors(state: StateDict, metadata?: SafetensorsMetadata): Uint8Array {
  checkInputs(state, metadata);
  const header: Record<string, unknown> = {};
  const entries = Object.entries(state).map(([name, t]) => ({ name, code: safetensorsCodeOf[t.dtype], shape: [...t.shape], bytes: bytesOf(t) }));
  header.__metadata__ = { ...metadata, [DIGEST_KEY]: contentDigest(metadata ?? {}, entries) };
  let offset = 0;
  const chunks: Uint8Array[] = [];
  for (const { name, code, shape, bytes } of entries) {
    header[name] = { dtype: code, shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
