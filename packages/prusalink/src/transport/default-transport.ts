/**
 * The transport a client makes when no `fetch` is injected. In Node: undici (undici.ts). Bundlers that
 * target browsers read package.json's `browser` field and use default-transport.browser.ts instead, so
 * a browser bundle never references undici.
 */
import type { Dispatcher } from 'undici';
import type { HttpTransport } from './http.js';
import { createUndiciTransport } from './undici.js';

export interface DefaultTransportOptions {
  /** Connections to the printer at most (undici Clients). Ignored in browsers. */
  connections: number;
  /** A caller's undici Dispatcher. Ignored in browsers. */
  dispatcher?: Dispatcher | undefined;
}

export function createDefaultTransport(origin: string, options: DefaultTransportOptions): HttpTransport {
  return createUndiciTransport(origin, {
    connections: options.connections,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
}
