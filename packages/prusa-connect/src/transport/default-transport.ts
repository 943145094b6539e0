/**
 * The transport a client makes when none is injected. In Node: undici (see undici.ts). Bundlers that
 * target browsers read package.json's `browser` field and use default-transport.browser.ts instead,
 * so a browser bundle never references undici.
 */
import type { HttpTransport } from './http.js';
import { createUndiciTransport } from './undici.js';

export interface DefaultTransportOptions {
  /** Sockets in the undici pool. Ignored in browsers. */
  connections?: number | undefined;
}

export function createDefaultTransport(origin: string, options: DefaultTransportOptions): HttpTransport {
  return createUndiciTransport(
    origin,
    options.connections === undefined ? {} : { connections: options.connections },
  );
}
