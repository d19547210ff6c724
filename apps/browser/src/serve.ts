import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PageScripts } from './bundle.js';

/** A page and its script served on 127.0.0.1, and how to stop serving. */
export interface PageServer { url: string; close(): Promise<void> }

const PAGE = '<!doctype html><meta charset="utf-8"><title>mlpkit browser check</title><link rel="icon" href="data:,"><script type="module" src="/page.js"></script>';

/**
 * Serves the page program and its worker. With `isolated`, the headers that make the page cross-origin
 * isolated (COOP + COEP), which is what gives it SharedArrayBuffer and so a shared wasm memory.
 */
export async function servePage(scripts: PageScripts, isolated: boolean): Promise<PageServer> {
  const isolation: Record<string, string> = isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const server: Server = createServer((req, res) => {
    const files: Record<string, [string, string]> = { '/': ['text/html', PAGE], '/page.js': ['text/javascript', scripts.page], '/worker.js': ['text/javascript', scripts.worker] };
    const [type, body] = files[req.url ?? ''] ?? [null, ''];
    if (!type) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', ...isolation }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
