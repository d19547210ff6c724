import { sha256 } from '@noble/hashes/sha2';

/** The `__metadata__` key under which mlpkit stores the digest of a file's contents. */
export const DIGEST_KEY = 'mlpkit.sha256';

/** Every digest value starts with this, so a digest under a damaged key is still recognized. */
export const DIGEST_PREFIX = 'mlpkit-sha256:';

/** A tensor as the digest sees it: its name, safetensors dtype code, shape and raw bytes. */
export interface DigestEntry {
  name: string;
  code: string;
  shape: readonly number[];
  bytes: Uint8Array;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The SHA-256 of a file's contents in a canonical order: the metadata (without the digest) and
 * each tensor's name, dtype and shape, sorted by name, then each tensor's bytes in that order.
 * It covers everything a load returns and nothing about layout, so a flipped bit anywhere that
 * matters is caught, while a faithful re-serialization (another writer's order or padding)
 * keeps the same digest. Synchronous and browser-safe (@noble/hashes).
 */
export function contentDigest(metadata: Readonly<Record<string, string>>, entries: readonly DigestEntry[]): string {
  const byName = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const fields = Object.entries(metadata).filter(([key]) => key !== DIGEST_KEY).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = sha256.create();
  hash.update(new TextEncoder().encode(JSON.stringify([fields, byName.map((e) => [e.name, e.code, e.shape])])));
  for (const e of byName) hash.update(e.bytes);
  return DIGEST_PREFIX + hex(hash.digest());
}
