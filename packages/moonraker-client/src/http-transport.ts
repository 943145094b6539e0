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
  PrinterRejectedError,
  PrintkitError,
  ProtocolError,
  type RequestOptions,
  UnsupportedError,
  withDeadline,
} from '@printkit/core-types';
import { moonrakerError } from './errors.js';
import { HTTP_ROUTES } from './http-routes.js';
import type { CallArgs, MethodResult, MoonrakerMethod } from './methods.js';
import { parseResult } from './result.js';

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
}

export interface HttpTransportOptions {
  baseUrl: string;
  fetch?: FetchLike | undefined;
  defaultTimeoutMs: number;
  /** Credential headers for the next request. */
  headers(): Record<string, string>;
  /** Called once when a request is refused for credentials; resolves true when a retry may work. */
  onAuthFailure?(signal: AbortSignal): Promise<boolean>;
  /** Aborts every request in flight (the client closed): none may outlive it, deadline or not. */
  closed?: AbortSignal | undefined;
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

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Calls a method through its HTTP route; the result is validated like over the WebSocket. */
  async call<M extends MoonrakerMethod>(
    method: M,
    ...[params, options]: CallArgs<M>
  ): Promise<MethodResult<M>> {
    const route = HTTP_ROUTES[method];
    if (!route) {
      throw new UnsupportedError(`${method} needs the WebSocket; Moonraker does not offer it over HTTP`, {
        capability: method,
        operation: method,
      });
    }
    const path = typeof route.path === 'string' ? route.path : (route.path as (p: unknown) => string)(params);
    const request: HttpRequest = { verb: route.verb, path };
    if (route.params === 'query') request.query = params as Record<string, unknown> | undefined;
    if (route.params === 'body' && params !== undefined) request.json = params;
    const raw = await this.request(request, method, options);
    return parseResult(method, raw);
  }

  /** One HTTP request; resolves with the envelope's `result`. */
  request(request: HttpRequest, operation: string, options: RequestOptions = {}): Promise<unknown> {
    return withDeadline(
      async (signal) => {
        try {
          return await this.#send(request, operation, signal);
        } catch (error) {
          if (!AuthError.isInstance(error) || request.anonymous || !this.#options.onAuthFailure) throw error;
          // A JWT may have expired: refresh it once and try again.
          if (!(await this.#options.onAuthFailure(signal))) throw error;
          return await this.#send(request, operation, signal);
        }
      },
      {
        signal: this.#withClosed(options.signal),
        timeoutMs: options.timeoutMs ?? this.#options.defaultTimeoutMs,
        operation,
      },
    );
  }

  #withClosed(signal: AbortSignal | undefined): AbortSignal | undefined {
    const { closed } = this.#options;
    if (closed === undefined) return signal;
    return signal === undefined ? closed : AbortSignal.any([signal, closed]);
  }

  async #send(request: HttpRequest, operation: string, signal: AbortSignal): Promise<unknown> {
    const fetchImpl = this.#options.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!fetchImpl) throw new ConnectionError('No fetch implementation: pass options.fetch', { operation });
    const headers: Record<string, string> = request.anonymous ? {} : { ...this.#options.headers() };
    let body: BodyInit | undefined;
    if (request.form) body = request.form;
    else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const url = `${this.#baseUrl}${request.path}${queryString(request.query)}`;
    let response: Response;
    try {
      response = await fetchImpl(url, { method: request.verb, headers, signal, ...(body ? { body } : {}) });
    } catch (error) {
      if (signal.aborted || PrintkitError.isInstance(error)) throw error;
      throw new ConnectionError(`${operation}: cannot reach Moonraker at ${this.#baseUrl}`, {
        operation,
        cause: error,
      });
    }
    const text = await response.text().catch((error: unknown) => {
      throw new ConnectionError(`${operation}: the answer was cut off`, { operation, cause: error });
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
        printerMessage: response.statusText,
        retryable: response.status >= 500,
      });
    }
    if (request.envelopeOptional && isRecord(envelope) && !('result' in envelope)) return envelope;
    if (!isRecord(envelope) || !('result' in envelope)) {
      throw new ProtocolError(`${operation}: Moonraker's HTTP answer is not a {"result": ...} envelope`, {
        operation,
        payload: text,
      });
    }
    return envelope.result;
  }
}
