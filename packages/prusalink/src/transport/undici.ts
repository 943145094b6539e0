/**
 * undici `Pool.request`, the Node default: one keep-alive pool for the printer. A PrusaLink printer
 * serves few connections at once (the firmware's web server is small), so the pool is small too.
 * A caller-injected Dispatcher is used as it is and never closed by the client.
 */
import { guardNetwork, readLimited } from '@printkit/core-types';
import type { Dispatcher } from 'undici';
import { VERSION } from '../version.js';
import type { HttpTransport } from './http.js';

export interface UndiciTransportOptions {
  /** Sockets to the printer. Default 2. */
  connections?: number;
  /** An undici Dispatcher (Agent, Pool, ProxyAgent...) to use instead of the client's own pool. */
  dispatcher?: Dispatcher;
}

export function createUndiciTransport(origin: string, options: UndiciTransportOptions = {}): HttpTransport {
  let own: Dispatcher | undefined;
  let loading: Promise<Dispatcher> | undefined;
  let closed = false;
  const injected = options.dispatcher;

  const dispatcher = (): Dispatcher | Promise<Dispatcher> => {
    if (injected) return injected;
    if (own) return own;
    loading ??= import('undici').then(({ Pool }) => {
      own = new Pool(origin, { connections: options.connections ?? 2, keepAliveTimeout: 10_000 });
      return own;
    });
    return loading;
  };

  return {
    send: (request) =>
      guardNetwork(request, async () => {
        if (closed) throw new Error('the client was closed');
        const current = await dispatcher();
        const response = await current.request({
          origin,
          method: request.method,
          path: request.path,
          headers: { 'user-agent': `@printkit/prusalink/${VERSION}`, ...request.headers },
          body: request.body ?? null,
          signal: request.signal,
        });
        const { body, headers } = response;
        const declared = Number(headers['content-length'] ?? Number.NaN);
        const readBody = (maxBytes: number) =>
          guardNetwork(request, async () => {
            // undici refuses a body longer than its Content-Length, so a declared length within the
            // limit can be read in one go (faster than iterating the chunks).
            if (Number.isSafeInteger(declared) && declared >= 0 && declared <= maxBytes) {
              return new Uint8Array(await body.arrayBuffer());
            }
            return readLimited(body as AsyncIterable<Uint8Array>, maxBytes, {
              operation: request.operation,
              cancel: () => body.destroy(),
            });
          });
        return {
          status: response.statusCode,
          header(name) {
            const value = headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          bytes: (maxBytes) => readBody(maxBytes),
          text: async (maxBytes) => new TextDecoder().decode(await readBody(maxBytes)),
          discard: () =>
            guardNetwork(request, async () => {
              await body.dump();
            }),
        };
      }),
    async close() {
      closed = true;
      if (injected) return; // whoever created it closes it
      const current = own ?? (loading ? await loading : undefined);
      // destroy (not close): pending requests settle now, not after their replies.
      await current?.destroy();
    },
  };
}
