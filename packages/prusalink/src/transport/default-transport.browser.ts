/**
 * The browser build's default transport (package.json `browser` maps default-transport.js here): the
 * page's own `fetch`. Never imports undici. (In a browser the page itself usually answers a Digest
 * challenge; the client's own Digest works with fetch too, where the browser lets it set `Authorization`.)
 */
import type { DefaultTransportOptions } from './default-transport.js';
import { createFetchTransport } from './fetch.js';
import type { HttpTransport } from './http.js';

export type { DefaultTransportOptions };

export function createDefaultTransport(origin: string, _options: DefaultTransportOptions): HttpTransport {
  return createFetchTransport(origin, (input, init) => globalThis.fetch(input, init));
}
