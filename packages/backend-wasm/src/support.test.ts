import { MlpkitError, Tensor, referenceBackend, setBackend } from '@mlpkit/tensor';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error: plain .mjs helper shared with the build script, no types.
import { kernelSourceHash } from '../scripts/source-hash.mjs';
import { KERNELS_SOURCE_HASH } from './generated/kernels-wasm.js';
import { createWasmBackend, isWasmSimdSupported } from './node/index.js';
import { decodeBase64 } from './support.js';

describe('generated kernels', () => {
  it('are up to date with assembly/*.ts (run `pnpm --filter @mlpkit/backend-wasm build:wasm` if not)', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    expect(KERNELS_SOURCE_HASH).toBe(kernelSourceHash(root));
  });

  it('hold valid wasm', () => {
    const text = readFileSync(new URL('./generated/kernels-wasm.ts', import.meta.url), 'utf8');
    for (const name of ['KERNELS_WASM', 'KERNELS_WASM_SHARED']) {
      // The quoted pieces joined ('+' is a base64 character, so strip only the quotes around pieces).
      const b64 = [...text.split(`export const ${name} =`)[1].split(';')[0].matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
      expect(WebAssembly.validate(decodeBase64(b64) as Uint8Array<ArrayBuffer>)).toBe(true);
    }
  });
});

describe('createWasmBackend', () => {
  it('finds SIMD in Node 20', () => {
    expect(isWasmSimdSupported()).toBe(true);
  });

  it('says clearly when the engine has no WebAssembly SIMD', async () => {
    const spy = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      await expect(createWasmBackend()).rejects.toThrow(MlpkitError);
      await expect(createWasmBackend()).rejects.toThrow(/no WebAssembly SIMD/);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a thread count that is not a positive integer', async () => {
    await expect(createWasmBackend({ threads: 0 })).rejects.toThrow(/expected threads to be a positive integer, got 0/);
    await expect(createWasmBackend({ threads: 1.5 })).rejects.toThrow(MlpkitError);
  });

  it('defaults to one thread per core and plugs in with setBackend', async () => {
    const backend = await createWasmBackend();
    try {
      expect(backend.name).toBe('wasm');
      expect(backend.threads).toBe((await import('node:os')).availableParallelism());
      setBackend(backend);
      const matmul = vi.spyOn(backend.kernels, 'matmul');
      const x = new Tensor(new Float32Array([1, 2, 3, 4]), [2, 2]);
      expect(x.matmul(x).tolist()).toEqual([[7, 10], [15, 22]]);
      expect(x.add(new Tensor(new Float32Array([10, 20]), [2])).tolist()).toEqual([[11, 22], [13, 24]]);
      expect(matmul).toHaveBeenCalledTimes(1);
      // Kernels without a wasm version are the reference's.
      expect(backend.kernels.cos).toBe(referenceBackend.kernels.cos);
    } finally {
      setBackend(referenceBackend);
      backend.close();
    }
  });

  it('throws a clear error after close() instead of hanging', async () => {
    const backend = await createWasmBackend({ threads: 2 });
    backend.close();
    const x = new Tensor(new Float32Array(128 * 128), [128, 128]);
    expect(() => backend.kernels.matmul([x, x], { transA: false, transB: false })).toThrow(/closed/);
    backend.close();
  });
});

describe('the main entry (browser-safe)', () => {
  it('runs on the calling thread and says where threads come from', async () => {
    const main = await import('./index.js');
    const backend = await main.createWasmBackend();
    expect(backend.threads).toBe(1);
    backend.close();
    await expect(main.createWasmBackend({ threads: 2 })).rejects.toThrow(/@mlpkit\/backend-wasm\/node.*cross-origin isolated/);
  });

  it('offers Web Worker threads only in a cross-origin isolated context with Workers (never in Node)', async () => {
    const { browserThreadHost } = await import('./browser-thread-host.js');
    expect(browserThreadHost()).toBeNull();
    const g = globalThis as { Worker?: unknown; crossOriginIsolated?: boolean; window?: unknown };
    g.Worker = class {};
    try {
      expect(browserThreadHost()).toBeNull();
      g.crossOriginIsolated = true;
      const host = browserThreadHost()!;
      expect(host.callerMayBlock).toBe(true);
      g.window = {};
      expect(browserThreadHost()!.callerMayBlock).toBe(false);
    } finally {
      delete g.Worker; delete g.crossOriginIsolated; delete g.window;
    }
  });

  it('reaches no Node module: only the /node subpath imports node:*', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from 'node:|import\(['"]node:|require\(['"]node:/);
      for (const [, rel] of text.matchAll(/from '(\.\.?\/[^']+)\.js'/g)) visit(fileURLToPath(new URL(`${rel}.ts`, `file://${file}`)));
    };
    visit(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(seen.size).toBeGreaterThan(8);
    expect([...seen].some((f) => f.includes('/node/'))).toBe(false);
  });
});
