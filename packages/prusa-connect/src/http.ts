/**
 * The byte pipe under the client: one request out, one response in. Two implementations:
 * - undici `Pool.request` (the Node default): one keep-alive pool per origin, 2–4× less CPU per call
 *   than `fetch` on the same machine (DESIGN.md, measured). undici is loaded lazily on first use, so a
 *   browser bundle that injects `fetch` never evaluates it.
 * - any `fetch` (browsers, msw's `setupServer`, a custom agent).
 * Both map network failures to `ConnectionError` and an aborted signal to its printkit reason.
 */
import { abortReason, ConnectionError } from '@printkit/core-types';
import type { Pool } from 'undici';

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
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  /** Reads and drops the body so the connection can be reused. */
  discard(): Promise<void>;
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

async function guarded<T>(
  request: Pick<HttpRequest, 'signal' | 'operation'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw networkError(error, request);
  }
}

type UndiciBody = NonNullable<Parameters<Pool['request']>[0]['body']> | null;

export interface UndiciTransportOptions {
  /** Sockets per origin. Default 16. */
  connections?: number;
  /** How long an idle socket is kept, ms. Default 30 000 (Connect is usually polled every few seconds). */
  keepAliveTimeoutMs?: number;
}

export function createUndiciTransport(origin: string, options: UndiciTransportOptions = {}): HttpTransport {
  let pool: Pool | undefined;
  let loading: Promise<Pool> | undefined;
  let closed = false;

  const getPool = (): Pool | Promise<Pool> => {
    if (pool) return pool;
    loading ??= import('undici').then(({ Pool }) => {
      pool = new Pool(origin, {
        connections: options.connections ?? 16,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      });
      return pool;
    });
    return loading;
  };

  return {
    send: (request) =>
      guarded(request, async () => {
        if (closed) throw new Error('the client was closed');
        const current = await getPool();
        const response = await current.request({
          method: request.method,
          path: request.path,
          headers: request.headers,
          // undici streams any async iterable body (lib/core/util isIterable); its typings only name Readable.
          body: (request.body ?? null) as UndiciBody,
          signal: request.signal,
        });
        const { body, headers } = response;
        return {
          status: response.statusCode,
          header(name) {
            const value = headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          text: () => guarded(request, () => body.text()),
          bytes: () => guarded(request, async () => new Uint8Array(await body.arrayBuffer())),
          discard: () =>
            guarded(request, async () => {
              await body.dump();
            }),
        };
      }),
    async close() {
      closed = true;
      const current = pool ?? (loading ? await loading : undefined);
      // destroy (not close): pending requests must settle now, not after their replies.
      await current?.destroy();
    },
  };
}

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
      guarded(request, async () => {
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
          text: () => guarded(request, () => response.text()),
          bytes: () => guarded(request, async () => new Uint8Array(await response.arrayBuffer())),
          // Read to the end rather than `body.cancel()`: under msw's interceptor (msw 2.15) cancelling
          // a mocked body never settles. Bodies discarded here are small (errors, 204, 304).
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
