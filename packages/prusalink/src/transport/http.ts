/**
 * The byte pipe under the client: one request out, one response in. Two implementations, one file
 * each: undici.ts (the Node default: undici `Client.request`, 2–4× less CPU per call than fetch, DESIGN.md) and
 * fetch.ts (any injected fetch: browsers, msw, a proxy agent). Both map network failures to
 * `ConnectionError` and an aborted signal to its printkit reason.
 */
import type { HttpMethod } from '../protocol/table.js';

export interface HttpRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/api/v1/status`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  signal: AbortSignal;
  /** Names the request in errors, e.g. `PUT /api/v1/job/{id}/pause`. */
  operation: string;
}

export interface HttpResponse {
  readonly status: number;
  /** A response header by lower-case name. */
  header(name: string): string | undefined;
  /** The body as text, at most `maxBytes` (a `ProtocolError` beyond). */
  text(maxBytes: number): Promise<string>;
  /** The body, at most `maxBytes` (a `ProtocolError` beyond). */
  bytes(maxBytes: number): Promise<Uint8Array>;
  /** Reads and drops the body so the connection can be reused. */
  discard(): Promise<void>;
}

export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes pooled connections; later sends fail with `ConnectionError`. */
  close(): Promise<void>;
}
