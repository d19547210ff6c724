import { MlpkitError } from '@mlpkit/tensor';

/** Compressed input is fed to the decompressor in slices this big, so one slice can inflate to at most ~4 MiB. */
const SLICE = 4096;

/** A stream of `bytes` in small slices, produced only as fast as the reader pulls them. */
function sliced(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + SLICE));
      at += SLICE;
    },
  }, { highWaterMark: 0 });
}

/**
 * Gunzips `input` (bytes, or a stream of compressed chunks) with the platform's
 * DecompressionStream, handing each output chunk and the running output total to `onChunk`.
 * When `onChunk` throws (an output limit was passed), decompression stops at once and the error
 * is rethrown as is; a damaged stream is reported as `op: source: gzip data is corrupted`.
 * Returns the total output length.
 */
export async function gunzipBounded(
  input: Uint8Array | ReadableStream<Uint8Array>, source: string,
  onChunk: (chunk: Uint8Array, total: number) => void, op = 'decodeIdx',
): Promise<number> {
  const stream = input instanceof Uint8Array ? sliced(input) : input;
  const reader = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      throw new MlpkitError(op, `${source}: gzip data is corrupted or truncated (${(error as Error).message})`);
    }
    if (next.done) return total;
    total += next.value.length;
    try {
      onChunk(next.value, total);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  }
}

/** Joins `chunks` (of `total` bytes in all) into one array. */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
