/**
 * Reading a reply body under a size cap (`maxResponseBytes`, default 16 MB). Connect's largest replies
 * are camera snapshots (Connect accepts images up to 16 MB) and long lists; anything beyond the cap is
 * not a reply the client can use, and buffering it would let a server (or a proxy gone wrong) fill the
 * app's memory. Past the cap the client stops reading — the connection is dropped, not drained — and
 * the call fails with a `ProtocolError`.
 */
import { ProtocolError } from '@printkit/core-types';
import type { HttpResponse } from './http.js';

/** 16 MiB: the largest snapshot Connect stores, with room to spare for any JSON reply. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const tooLarge = (operation: string, maxBytes: number, what: string) =>
  new ProtocolError(
    `${operation} answered with a body ${what} than maxResponseBytes (${maxBytes} bytes); it was not read`,
    { operation },
  );

/** The whole body, or a `ProtocolError` as soon as it passes `maxBytes` (read no further). */
export async function readBody(
  response: HttpResponse,
  maxBytes: number,
  operation: string,
): Promise<Uint8Array> {
  const announced = Number(response.header('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    response.cancel();
    throw tooLarge(operation, maxBytes, `of ${announced} bytes, larger`);
  }
  return collect(response, maxBytes, () => {
    throw tooLarge(operation, maxBytes, 'larger');
  });
}

/**
 * At most `maxBytes` of the body (an error reply's text, a body to drop): a longer one is cut there
 * and the rest is not read.
 */
export async function readBodyPrefix(response: HttpResponse, maxBytes: number): Promise<Uint8Array> {
  return collect(response, maxBytes, () => 'stop');
}

async function collect(
  response: HttpResponse,
  maxBytes: number,
  onOverflow: () => 'stop',
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body()) {
    const room = maxBytes - total;
    if (chunk.byteLength > room) {
      chunks.push(chunk.subarray(0, room));
      total += room;
      onOverflow(); // throws, or says stop: either way leaving the loop releases the connection
      break;
    }
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder();

/** UTF-8 text of a body. */
export const textOf = (bytes: Uint8Array): string => decoder.decode(bytes);
