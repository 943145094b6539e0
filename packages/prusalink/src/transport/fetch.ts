/** Any `fetch` (the global one, a browser's, msw's) as the client's transport. */
import { guarded, type HttpTransport } from './http.js';

/** A `fetch`-compatible function. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export function createFetchTransport(origin: string, fetchFunction: FetchFunction): HttpTransport {
  let closed = false;
  return {
    send: (request) =>
      guarded(request, async () => {
        if (closed) throw new Error('the client was closed');
        const init: RequestInit = {
          method: request.method,
          headers: request.headers,
          signal: request.signal,
        };
        if (request.body !== undefined) init.body = request.body as BodyInit;
        const response = await fetchFunction(origin + request.path, init);
        return {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          text: () => guarded(request, () => response.text()),
          bytes: () => guarded(request, async () => new Uint8Array(await response.arrayBuffer())),
          discard: () =>
            guarded(request, async () => {
              await response.arrayBuffer();
            }),
        };
      }),
    async close() {
      closed = true;
    },
  };
}
