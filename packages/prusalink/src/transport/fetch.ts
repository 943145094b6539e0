/** Any `fetch` (the global one, a browser's, msw's) as the client's transport. */
import { guardNetwork, readLimited, streamChunks } from '@printkit/core-types';
import type { HttpTransport } from './http.js';

/** A `fetch`-compatible function. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export function createFetchTransport(origin: string, fetchFunction: FetchFunction): HttpTransport {
  let closed = false;
  return {
    send: (request) =>
      guardNetwork(request, async () => {
        if (closed) throw new Error('the client was closed');
        const init: RequestInit = {
          method: request.method,
          headers: request.headers,
          signal: request.signal,
        };
        if (request.body !== undefined) init.body = request.body as BodyInit;
        const response = await fetchFunction(origin + request.path, init);
        const declared = Number(response.headers.get('content-length') ?? Number.NaN);
        const readBody = async (maxBytes: number): Promise<Uint8Array> => {
          const stream = response.body;
          if (!stream) return new Uint8Array();
          // HTTP framing stops a body at its Content-Length, so a declared length within the limit
          // can be read in one go (much cheaper than pulling the chunks one by one).
          if (Number.isSafeInteger(declared) && declared >= 0 && declared <= maxBytes) {
            return guardNetwork(request, async () => new Uint8Array(await response.arrayBuffer()));
          }
          return guardNetwork(request, () =>
            readLimited(streamChunks(stream), maxBytes, { operation: request.operation }),
          );
        };
        return {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          bytes: (maxBytes) => readBody(maxBytes),
          text: async (maxBytes) => new TextDecoder().decode(await readBody(maxBytes)),
          discard: () =>
            guardNetwork(request, async () => {
              await response.arrayBuffer();
            }),
        };
      }),
    async close() {
      closed = true;
    },
  };
}
