// The hash that ties src/generated/kernels-wasm.ts to the sources it was compiled from.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** SHA-256 over assembly/*.ts and scripts/build-wasm.mjs (names and contents, sorted by name). */
export function kernelSourceHash(root) {
  const files = readdirSync(join(root, 'assembly')).filter((f) => f.endsWith('.ts')).sort().map((f) => `assembly/${f}`);
  files.push('scripts/build-wasm.mjs');
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file + '\0');
    hash.update(readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n') + '\0');
  }
  return hash.digest('hex');
}
