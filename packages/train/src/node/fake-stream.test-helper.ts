// A stand-in for process.stderr in the progress tests: TTY or not, it keeps what was written.
import { PassThrough } from 'node:stream';

/** A writable stream that says it is (or is not) a TTY, and the text written to it so far. */
export function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let out = '';
  s.on('data', (d: Buffer) => { out += d.toString(); });
  Object.assign(s, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream: s, text: () => out };
}
