// A throwaway HTTP mirror on 127.0.0.1 (ephemeral port) for the download tests: it serves given
// files and misbehaves on purpose under path prefixes. Tests only; never published.
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the mirror answers under `/<mode>/<file>`. */
export type MirrorMode = 'ok' | 'missing' | 'truncated' | 'corrupt' | 'stall' | 'silent';

export interface LocalMirror {
  /** Base URL of a mode, e.g. `http://127.0.0.1:PORT/ok/`. */
  url(mode: MirrorMode): string;
  /** Requests received, as `mode/file`. */
  requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, mode: MirrorMode, body: Uint8Array): void {
  if (mode === 'silent') return; // never answers: no status line, no headers
  if (mode === 'missing') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
  if (mode === 'ok') res.end(body);
  else if (mode === 'corrupt') {
    const bad = Uint8Array.from(body);
    bad[bad.length >> 1] ^= 0xff;
    res.end(bad);
  } else if (mode === 'truncated') res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  else res.write(body.subarray(0, Math.min(8, body.length)));
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
