// A throwaway HTTP mirror on 127.0.0.1 (ephemeral port) for the download tests: it serves given
// files and misbehaves on purpose under path prefixes. Tests only; never published.
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the mirror answers under `/<mode>/<file>`. */
export type MirrorMode = 'ok' | 'missing' | 'truncated' | 'corrupt' | 'stall' | 'silent' | 'drip' | 'oversized' | 'unlimited' | 'error';

/** How often the 'drip' mode sends its next byte. */
export const DRIP_MS = 50;

export interface LocalMirror {
  /** Base URL of a mode, e.g. `http://127.0.0.1:PORT/ok/`. */
  url(mode: MirrorMode): string;
  /** Requests received, as `mode/file`. */
  requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, mode: MirrorMode, body: Uint8Array): void {
  if (mode === 'silent') return; // never answers: no status line, no headers
  if (mode === 'missing' || mode === 'error') {
    const status = mode === 'missing' ? 404 : 500;
    res.writeHead(status, { 'content-type': 'text/plain' }).end('no');
    return;
  }
  if (mode === 'drip') return drip(res, body);
  if (mode === 'oversized' || mode === 'unlimited') return flood(res, mode === 'oversized' ? 400 * 2 ** 20 : null);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
  if (mode === 'ok') res.end(body);
  else if (mode === 'corrupt') {
    const bad = Uint8Array.from(body);
    bad[bad.length >> 1] ^= 0xff;
    res.end(bad);
  } else if (mode === 'truncated') res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  else res.write(body.subarray(0, Math.min(8, body.length)));
}

/** One byte every DRIP_MS, forever slow but never stalled. */
function drip(res: ServerResponse, body: Uint8Array): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed || at >= body.length) return void clearInterval(timer);
    res.write(body.subarray(at, ++at));
  }, DRIP_MS);
  res.on('close', () => clearInterval(timer));
}

/** Zeros as fast as the client reads them: declaring `length` bytes, or chunked with no length. */
function flood(res: ServerResponse, length: number | null): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', ...(length === null ? {} : { 'content-length': String(length) }) });
  const chunk = new Uint8Array(64 * 1024);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

/** Starts a mirror serving `files` (name to bytes). */
export async function startLocalMirror(files: Record<string, Uint8Array>): Promise<LocalMirror> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const [, mode, name] = (req.url ?? '').split('/');
    requests.push(`${mode}/${name}`);
    const body = files[name];
    if (!body) res.writeHead(404).end();
    else send(res, mode as MirrorMode, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (mode) => `http://127.0.0.1:${port}/${mode}/`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
