/**
 * Moonraker over HTTP: `GET|POST|DELETE /printer/...`, `/server/...`, `/machine/...`, answers in a
 * `{"result": ...}` envelope, errors in `{"error": {"code", "message"}}` with the HTTP status.
 *
 * `fetch` is injectable (msw, browsers, a custom agent); the default is the global `fetch`.
 * Credentials come from `headers()` on every request and never appear in an error.
 */
import {
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  PrinterRejectedError,
  PrintkitError,
  ProtocolError,
  type RequestOptions,
  redactCause,
  redactUrl,
  UnsupportedError,
  withDeadline,
} from '@printkit/core-types';
import { decodeResult, isKnownMethod } from '../protocol/decode.js';
import { moonrakerError } from '../protocol/errors.js';
import type { CallArgs, MethodResult, MoonrakerMethod } from '../protocol/table.js';
import { httpRoute } from './http-routes.js';
import { redactError } from './redact.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  verb: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, unknown> | undefined;
  json?: unknown;
  form?: FormData;
  /** Sends no credentials (login and refresh carry their own). */
  anonymous?: boolean;
  /** Accept a 2xx JSON body without the `{"result"}` envelope as the result itself. */
  envelopeOptional?: boolean;
  /** A 2xx answer is the file itself (a download): resolved as its bytes. */
  bytes?: boolean;
}

export interface HttpTransportOptions {
  baseUrl: string;
  fetch?: FetchLike | undefined;
  defaultTimeoutMs: number;
  /** Credential headers for the next request. */
  headers(): Record<string, string>;
  /** Called once when a request is refused for credentials; resolves true when a retry may work. */
  onAuthFailure?(signal: AbortSignal): Promise<boolean>;
  /** Masks secrets in server text before it reaches an error message. */
  redact(text: string): string;
  /** Told about retries (a refused JWT renewed). */
  onRetry?(operation: string): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class HttpTransport {
  readonly #options: HttpTransportOptions;
  readonly #baseUrl: string;
  /**
   * One controller per request in flight, aborted by `close()`. Not one shared "closed" signal that
   * every request listens to: more than 10 listeners on one signal make Node print a memory-leak
   * warning (issue 10, defect 10), and a Set costs nothing per request that settles.
   */
  /** Made on first request: a WebSocket client may never use HTTP (a Set per client is ~200 bytes). */
  #inFlight: Set<AbortController> | undefined;
  #closedReason: unknown;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Calls a method through its HTTP route; the result is validated like over the WebSocket. */
  async call<M extends MoonrakerMethod>(
    method: M,
    ...[params, options]: CallArgs<M>
  ): Promise<MethodResult<M>> {
    // A method name outside the table (a JavaScript caller) has no known route.
    const route = isKnownMethod(method) ? httpRoute(method) : null;
    if (!route) {
      throw new UnsupportedError(`${method} needs the WebSocket; Moonraker does not offer it over HTTP`, {
        capability: method,
        operation: method,
      });
    }
    let path: string;
    try {
      path = typeof route.path === 'string' ? route.path : (route.path as (p: unknown) => string)(params);
    } catch (error) {
      // A JavaScript caller left out what the path is built from (`server.files.delete_file` without `path`).
      throw new InvalidArgumentError(`${method}: params do not name what the request is about`, {
        argument: 'params',
        operation: method,
        cause: error,
      });
    }
    const request: HttpRequest = { verb: route.verb, path };
    if (route.params === 'query') request.query = params as Record<string, unknown> | undefined;
    if (route.params === 'body' && params !== undefined) request.json = params;
    const raw = await this.request(request, method, options);
    try {
      return decodeResult(method, raw);
    } catch (error) {
      throw this.showable(error);
    }
  }

  /** `error` with any secret masked out of its payload (see `redactError`). */
  showable<E>(error: E): E {
    return redactError(error, this.#options.redact);
  }

  /** Settles every request in flight with `reason`; later requests reject with it at once. */
  close(reason: unknown): void {
    this.#closedReason ??= reason;
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    for (const controller of inFlight ?? []) controller.abort(this.#closedReason);
  }

  /** One HTTP request; resolves with the envelope's `result`. */
  async request(request: HttpRequest, operation: string, options: RequestOptions = {}): Promise<unknown> {
    if (this.#closedReason !== undefined) throw this.#closedReason;
    const closing = new AbortController();
    this.#inFlight ??= new Set();
    const inFlight = this.#inFlight;
    inFlight.add(closing);
    try {
      return await withDeadline(
        async (signal) => {
          try {
            return await this.#send(request, operation, signal);
          } catch (error) {
            if (!AuthError.isInstance(error) || request.anonymous || !this.#options.onAuthFailure)
              throw error;
            // A JWT may have expired: refresh it once and try again.
            if (!(await this.#options.onAuthFailure(signal))) throw error;
            this.#options.onRetry?.(operation);
            return await this.#send(request, operation, signal);
          }
        },
        {
          signal:
            options.signal === undefined ? closing.signal : AbortSignal.any([options.signal, closing.signal]),
          timeoutMs: options.timeoutMs ?? this.#options.defaultTimeoutMs,
          operation,
        },
      );
    } finally {
      inFlight.delete(closing);
    }
  }

  async #send(request: HttpRequest, operation: string, signal: AbortSignal): Promise<unknown> {
    const fetchImpl = this.#options.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!fetchImpl) throw new ConnectionError('No fetch implementation: pass options.fetch', { operation });
    const headers: Record<string, string> = request.anonymous ? {} : { ...this.#options.headers() };
    let body: BodyInit | undefined;
    if (request.form) body = request.form;
    else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      try {
        body = JSON.stringify(request.json);
      } catch (error) {
        // A BigInt or a cycle in the caller's params: refused before anything is sent, as over the socket.
        throw new InvalidArgumentError(`${operation}: params cannot be sent as JSON (${String(error)})`, {
          argument: 'params',
          operation,
          cause: error,
        });
      }
    }
    const url = `${this.#baseUrl}${request.path}${queryString(request.query)}`;
    let response: Response;
    try {
      response = await fetchImpl(url, { method: request.verb, headers, signal, ...(body ? { body } : {}) });
    } catch (error) {
      if (signal.aborted || PrintkitError.isInstance(error)) throw error;
      throw new ConnectionError(`${operation}: cannot reach Moonraker at ${redactUrl(this.#baseUrl)}`, {
        operation,
        cause: redactCause(error, (text) => redactUrl(this.#options.redact(text))),
      });
    }
    if (request.bytes && response.ok) {
      const buffer = await response.arrayBuffer().catch((error: unknown) => {
        throw new ConnectionError(`${operation}: the download was cut off`, {
          operation,
          cause: redactCause(error, this.#options.redact),
        });
      });
      return new Uint8Array(buffer);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new ConnectionError(`${operation}: the answer was cut off`, {
        operation,
        cause: redactCause(error, this.#options.redact),
      });
    });
    let envelope: unknown;
    try {
      envelope = text === '' ? undefined : JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    if (isRecord(envelope) && isRecord(envelope.error)) {
      const { code, message } = envelope.error;
      if (typeof message === 'string') {
        throw moonrakerError(
          { code: typeof code === 'number' ? code : response.status, message },
          operation,
          response.status,
          this.#options.redact,
        );
      }
    }
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(`${operation}: Moonraker refused the credentials (HTTP ${response.status})`, {
        operation,
        status: response.status,
      });
    }
    if (!response.ok) {
      throw new PrinterRejectedError(`${operation}: HTTP ${response.status} ${response.statusText}`, {
        operation,
        status: response.status,
        printerCode: response.status,
        printerMessage: this.#options.redact(response.statusText),
        retryable: response.status >= 500,
      });
    }
    const hasResult = isRecord(envelope) && Object.hasOwn(envelope, 'result');
    if (request.envelopeOptional && isRecord(envelope) && !hasResult) return envelope;
    if (!isRecord(envelope) || !hasResult) {
      throw new ProtocolError(`${operation}: Moonraker's HTTP answer is not a {"result": ...} envelope`, {
        operation,
        payload: this.#options.redact(text),
      });
    }
    return envelope.result;
  }
}
