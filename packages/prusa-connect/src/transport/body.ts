/**
 * Reading a reply body under a size cap (`maxResponseBytes`, default 16 MB). Connect's largest replies
 * are camera snapshots (Connect accepts images up to 16 MB) and long lists; anything beyond the cap is
 * not a reply the client can use, and buffering it would let a server (or a proxy gone wrong) fill the
 * app's memory. Past the cap the client stops reading — the connection is dropped, not drained — and
 * the call fails with a `ProtocolError`.
 */
import { ProtocolError, readLimited } from '@printkit/core-types';
import type { HttpResponse } from './http.js';

/** 16 MiB: the largest snapshot Connect stores, with room to spare for any JSON reply. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const tooLarge = (operation: string, maxBytes: number, announced: number) =>
  new ProtocolError(
    `${operation} answered with a body of ${announced} bytes, more than ${maxBytes} bytes; it was not read`,
    { operation },
  );

const overLimit = (operation: string, maxBytes: number) =>
  new ProtocolError(`${operation} answered with more than ${maxBytes} bytes; it was not read`, { operation });

/** Refuses a body announced larger than `maxBytes` before reading any of it. */
function checkAnnounced(response: HttpResponse, maxBytes: number, operation: string): void {
  const announced = Number(response.header('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    response.cancel();
    throw tooLarge(operation, maxBytes, announced);
  }
}

/** The whole body, or a `ProtocolError` as soon as it passes `maxBytes` (read no further). */
export async function readBody(
  response: HttpResponse,
  maxBytes: number,
  operation: string,
): Promise<Uint8Array> {
  checkAnnounced(response, maxBytes, operation);
  if (response.readAll) {
    const bytes = await response.readAll(maxBytes);
    if (bytes === undefined) throw overLimit(operation, maxBytes);
    return bytes;
  }
  return readLimited(response.body(), maxBytes, { operation });
}

/**
 * The whole body as UTF-8 text, under the same cap as `readBody`. Not an async function: on the
 * transport's text path it adds one `then` rather than an async step.
 */
export function readBodyText(response: HttpResponse, maxBytes: number, operation: string): Promise<string> {
  if (!response.readText) return readBody(response, maxBytes, operation).then(textOf);
  try {
    checkAnnounced(response, maxBytes, operation);
  } catch (error) {
    return Promise.reject(error);
  }
  return response.readText(maxBytes).then((text) => {
    if (text === undefined) throw overLimit(operation, maxBytes);
    return text;
  });
}

/**
 * At most `maxBytes` of the body (an error reply's text, a body to drop): a longer one is cut there
 * and the rest is not read.
 */
export async function readBodyPrefix(response: HttpResponse, maxBytes: number): Promise<Uint8Array> {
  return readLimited(response.body(), maxBytes, { operation: 'read', overflow: 'truncate' });
}

const decoder = new TextDecoder();

/** UTF-8 text of a body. */
export const textOf = (bytes: Uint8Array): string => decoder.decode(bytes);
