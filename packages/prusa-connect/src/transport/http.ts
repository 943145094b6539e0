/**
 * The byte pipe under the client: one request out, one response in. Two implementations, one file
 * each: undici.ts (the Node default) and fetch.ts (browsers, msw's `setupServer`, a custom agent).
 * Both map network failures to `ConnectionError` and an aborted signal to its printkit reason.
 */
import { abortReason, ConnectionError } from '@printkit/core-types';

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
  /** Names the request in errors, e.g. `GET /app/printers/{uuid}`. */
  operation: string;
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
  /** Drops the body unread and releases the connection (a body announced larger than the cap). */
  cancel(): void;
}

export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes pooled connections; later sends fail with `ConnectionError`. */
  close(): Promise<void>;
}

/** The error to throw when a send or a body read failed. */
export function networkError(error: unknown, request: Pick<HttpRequest, 'signal' | 'operation'>): Error {
  if (request.signal.aborted) return abortReason(request.signal, request.operation);
  const code = (error as { code?: unknown } | undefined)?.code;
  const what = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return new ConnectionError(`${request.operation} failed: ${what}`, {
    operation: request.operation,
    cause: error,
  });
}

export async function guarded<T>(
  request: Pick<HttpRequest, 'signal' | 'operation'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw networkError(error, request);
  }
}

/** `source` with its failures mapped like `guarded` (a socket reset mid-body is a `ConnectionError`). */
export async function* guardedChunks(
  request: Pick<HttpRequest, 'signal' | 'operation'>,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    yield* source;
  } catch (error) {
    throw networkError(error, request);
  }
}
