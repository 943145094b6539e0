export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body: text (JSON), bytes, or a byte stream (a Node `Readable` is one). */
export type HttpBody = string | Uint8Array | AsyncIterable<Uint8Array>;

export interface HttpRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/app/printers?limit=10`. */
  path: string;
  headers: Record<string, string>;
  body?: HttpBody | undefined;
  signal: AbortSignal;
  /**
   * The same abort state as an EventEmitter-style object (`aborted`, `reason`, `on`/`once`/
   * `removeListener`), cheaper than `signal` for transports that take one (undici); reading `signal`
   * may create it.
   */
  abortHandle?: AbortHandle | undefined;
  /** Names the request in errors, e.g. `GET /app/printers/{uuid}`. */
  operation: string;
}

export interface AbortHandle {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): unknown;
  once(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

export interface HttpResponse {
  readonly status: number;
  /** A response header by lower-case name. */
  header(name: string): string | undefined;
  /**
   * The body, chunk by chunk, read at most once. The client reads it only up to `maxResponseBytes` and
   * leaves the loop early past that (the iterator's `return()` must then release the connection).
   */
  body(): AsyncIterable<Uint8Array>;
  /**
   * Optional fast path for the same read: the whole body, or `undefined` when it passes `maxBytes`
   * (the rest is then not read and the connection is dropped). Used instead of `body()`, never both.
   */
  readAll?(maxBytes: number): Promise<Uint8Array | undefined>;
  /**
   * Optional fast path for a text reply: `readAll` decoded as UTF-8 (a leading byte order mark dropped,
   * as `TextDecoder` does), or `undefined` past `maxBytes`. Used instead of `body()`, never both.
   */
  readText?(maxBytes: number): Promise<string | undefined>;
  /** Drops the body unread and releases the connection (a body announced larger than the cap). */
  cancel(): void;
}

export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes pooled connections; later sends fail with `ConnectionError`. */
  close(): Promise<void>;
}
