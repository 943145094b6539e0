/** Any `fetch` (the global one, msw's, a browser's) as the client's transport. */
import { guardNetwork, guardNetworkChunks, streamChunks } from '@printkit/core-types';
import type { HttpTransport } from './http.js';

/** A `fetch`-compatible function (the global one, msw's, a browser's). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

function toReadableStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function createFetchTransport(origin: string, fetchFunction: FetchFunction): HttpTransport {
  let closed = false;
  return {
    send: (request) =>
      guardNetwork(request, async () => {
        if (closed) throw new Error('the client was closed');
        const { body } = request;
        const streaming = body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);
        // `duplex: 'half'` is required by Node's fetch for a streamed body; not in the DOM typings yet.
        const init: RequestInit & { duplex?: 'half' } = {
          method: request.method,
          headers: request.headers,
          signal: request.signal,
        };
        if (streaming) {
          init.body = toReadableStream(body);
          init.duplex = 'half';
        } else if (body !== undefined) {
          init.body = body as BodyInit;
        }
        const response = await fetchFunction(origin + request.path, init);
        return {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          body: () => guardNetworkChunks(request, response.body ? streamChunks(response.body) : noChunks()),
          // Not awaited: under msw's interceptor (msw 2.15) cancelling a mocked body never settles.
          cancel: () => void response.body?.cancel().catch(() => {}),
        };
      }),
    async close() {
      closed = true;
    },
  };
}

async function* noChunks(): AsyncGenerator<Uint8Array, void, undefined> {}
