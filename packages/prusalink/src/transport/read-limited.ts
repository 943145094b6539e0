/**
 * Reads a response body up to a limit, so a misbehaving printer (or something else on its address)
 * cannot make the client buffer an endless reply. Content-Length is not trusted: chunked replies have
 * none, and a wrong one must not matter.
 */
import { ProtocolError } from '@printkit/core-types';

export async function readLimited(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  operation: string,
  cancel: () => void,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      cancel();
      throw new ProtocolError(`${operation} answered with more than ${maxBytes} bytes`, { operation });
    }
    parts.push(chunk);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A WHATWG stream as an async iterable (Node's ReadableStream is one already; browsers' may not be). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
