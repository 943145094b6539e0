/**
 * undici `Pool.request`, the Node default: one keep-alive pool per origin, 2–4× less CPU per call than
 * `fetch` on the same machine (DESIGN.md, measured). undici is loaded lazily on first use. Browser
 * bundles never reach this file: package.json's `browser` field swaps the default transport for the
 * fetch one (see default-transport.ts).
 */

import { guardNetworkChunks, networkError } from '@printkit/core-types';
import type { Dispatcher, Pool } from 'undici';
import { VERSION } from '../version.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js';

type UndiciBody = NonNullable<Parameters<Pool['request']>[0]['body']> | null;

export interface UndiciTransportOptions {
  /** Sockets per origin. Default 16. */
  connections?: number;
  /** How long an idle socket is kept, ms. Default 30 000 (Connect is usually polled every few seconds). */
  keepAliveTimeoutMs?: number;
  /** Sent when a request has no `user-agent` header. Default `@printkit/prusa-connect/<version>`. */
  userAgent?: string;
}

export function createUndiciTransport(origin: string, options: UndiciTransportOptions = {}): HttpTransport {
  let pool: Pool | undefined;
  let loading: Promise<Pool> | undefined;
  let closed = false;
  const userAgent = options.userAgent ?? `@printkit/prusa-connect/${VERSION}`;

  const getPool = (): Pool | Promise<Pool> => {
    if (pool) return pool;
    loading ??= import('undici').then(({ Pool }) => {
      pool = new Pool(origin, {
        connections: options.connections ?? 16,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      });
      return pool;
    });
    return loading;
  };

  return {
    // One async function per send (no wrapper per layer); failures mapped as guardNetwork maps them.
    async send(request) {
      try {
        if (closed) throw new Error('the client was closed');
        const current = pool ?? (await getPool());
        // The requester builds these headers for this one attempt: add the default agent in place.
        const { headers: sent } = request;
        if (sent['user-agent'] === undefined) sent['user-agent'] = userAgent;
        const response = await current.request({
          method: request.method,
          path: request.path,
          headers: sent,
          // undici streams any async iterable body (lib/core/util isIterable); its typings only name Readable.
          body: (request.body ?? null) as UndiciBody,
          // An EventEmitter-style handle when the requester gives one (no AbortSignal made per call).
          signal: (request.abortHandle ?? request.signal) as AbortSignal,
        });
        return new UndiciResponse(request, response);
      } catch (error) {
        throw networkError(error, request);
      }
    },
    async close() {
      closed = true;
      const current = pool ?? (loading ? await loading : undefined);
      // destroy (not close): pending requests must settle now, not after their replies.
      await current?.destroy();
    },
  };
}

/** undici's reply as an `HttpResponse`: one object per reply, its methods on the prototype. */
class UndiciResponse implements HttpResponse {
  readonly status: number;

  constructor(
    private readonly request: HttpRequest,
    private readonly response: Dispatcher.ResponseData,
  ) {
    this.status = response.statusCode;
  }

  header(name: string): string | undefined {
    const value = this.response.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  // Leaving the loop early destroys the stream, and with it the socket: nothing more is read.
  body(): AsyncIterable<Uint8Array> {
    return guardNetworkChunks(this.request, this.response.body);
  }

  readAll(maxBytes: number): Promise<Uint8Array | undefined> {
    return readCapped(this.request, this.response.body, maxBytes, asBytes);
  }

  readText(maxBytes: number): Promise<string | undefined> {
    return readCapped(this.request, this.response.body, maxBytes, utf8Text);
  }

  cancel(): void {
    const { body } = this.response;
    // A destroyed body reports the abort as an 'error' event: nobody else is listening any more.
    body.on('error', () => {});
    body.destroy();
  }
}

/** The body as read (for `readAll`). */
const asBytes = (bytes: Buffer): Buffer => bytes;

/**
 * UTF-8 text of a body, a leading byte order mark dropped (what `TextDecoder` does); Buffer's own
 * decoder skips TextDecoder's per-call argument handling, which cost more than the decoding.
 */
function utf8Text(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // toString() without arguments is Buffer's shortest path (UTF-8, the whole buffer).
  return bom ? bytes.toString('utf8', 3) : bytes.toString();
}

type UndiciReadable = Dispatcher.ResponseData['body'];

/**
 * The whole body through 'data' events (an async iterator per reply costs more than the read itself),
 * passed through `finish` (bytes or text, without another promise):
 * `undefined` once it passes `maxBytes` — the stream is destroyed, nothing more is read — and failures
 * mapped through `networkError`.
 */
function readCapped<T>(
  request: HttpRequest,
  body: UndiciReadable,
  maxBytes: number,
  finish: (bytes: Buffer) => T,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    // Most replies arrive in one chunk: an array only from the second one on.
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    let total = 0;
    // Plain `on` (no `once` wrappers) and no removal: the stream is done after 'end' or 'error', and
    // the error listener staying on also takes the abort error of the destroy below.
    body.on('data', (chunk: Buffer) => {
      if (total < 0) return;
      total += chunk.byteLength;
      if (total > maxBytes) {
        total = -1;
        body.destroy();
        resolve(undefined);
      } else if (first === undefined) first = chunk;
      else if (rest === undefined) rest = [chunk];
      else rest.push(chunk);
    });
    body.on('end', () => {
      if (total < 0) return;
      const whole = rest ? Buffer.concat([first as Buffer, ...rest], total) : (first ?? Buffer.alloc(0));
      resolve(finish(whole));
    });
    body.on('error', (error: Error) => reject(networkError(error, request)));
  });
}
