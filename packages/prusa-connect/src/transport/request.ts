/**
 * The one generic request function over the endpoint table: builds the URL, adds the token, sends
 * through the HTTP transport under a deadline, retries what may be retried, refreshes the token once
 * on 401, and turns the reply into a validated value or a typed error.
 *
 * The deadline (`timeoutMs`, default 15 s) covers the whole call — every attempt, every wait and the
 * body — so a call never takes longer than that, whatever the server does.
 */
import {
  type Clock,
  InvalidArgumentError,
  type Logger,
  type RequestOptions,
  redactText,
  sleep,
} from '@printkit/core-types';
import { checkInteger, checkTimeout } from '../client/options.js';
import { decodeJson, decodeReply, type Redact } from '../protocol/decode.js';
import { ConnectAuthError, errorFromReply, isRetryableStatus } from '../protocol/errors.js';
import type {
  BinaryReply,
  EndpointDefinition,
  EndpointInput,
  EndpointName,
  EndpointResult,
  JsonReplySpec,
} from '../protocol/table.js';
import type { TokenAuth } from './auth.js';
import { readBody, readBodyPrefix, readBodyText, textOf } from './body.js';
import { type CallSignal, runWithDeadline } from './call-deadline.js';
import { buildPath, buildQuery, planOf, type QueryValue } from './endpoint-plan.js';
import type { HttpBody, HttpMethod, HttpRequest, HttpResponse, HttpTransport } from './http.js';
import { parseRetryAfter, type RetryOptions, retryDelay } from './retry.js';

/** Options every client method takes as its last argument. */
export interface CallOptions extends RequestOptions {
  /** Overrides the client's retry count for this call (idempotent requests only). */
  maxRetries?: number;
}

export interface RequesterOptions {
  /** Path prefix of the base URL (usually empty). */
  basePath: string;
  http: HttpTransport;
  auth: TokenAuth;
  timeoutMs: number;
  retry: RetryOptions;
  /** Largest reply body read, bytes (see body.ts). */
  maxResponseBytes: number;
  /** Waits between retries and reads `Retry-After` dates against `clock.now()`. */
  clock: Clock;
  logger: Logger;
  userAgent: string | undefined;
}

export type Requester = <N extends EndpointName>(
  name: N,
  input: EndpointInput<N>,
  options?: CallOptions,
) => Promise<EndpointResult<N>>;

interface RequestInput {
  path?: Record<string, string | number> | undefined;
  query?: object | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

/** One attempt's request; its real AbortSignal is made only for a transport (or an error path) that reads it. */
class OutgoingRequest implements HttpRequest {
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly headers: Record<string, string>,
    readonly body: HttpBody | undefined,
    readonly abortHandle: CallSignal,
    readonly operation: string,
  ) {}

  get signal(): AbortSignal {
    return this.abortHandle.signal;
  }
}

/** The options of a call given none (shared: a call never writes to its options). */
const NO_OPTIONS: CallOptions = Object.freeze({});

/** Bodies dropped unread (204s, 304s, the 401 before a refresh) are read this far, then the socket is let go. */
const DISCARD_BYTES = 64 * 1024;

async function readReply(
  definition: EndpointDefinition,
  response: HttpResponse,
  operation: string,
  maxBytes: number,
  redact: Redact,
) {
  const { reply } = definition;
  if (reply.kind === 'empty') {
    await readBodyPrefix(response, DISCARD_BYTES);
    return undefined;
  }
  if (reply.kind === 'binary') {
    const etag = response.header('etag');
    const lastModified = response.header('last-modified');
    const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    if (response.status === 304) {
      await readBodyPrefix(response, DISCARD_BYTES);
      return { notModified: true, ...validators } satisfies BinaryReply;
    }
    const data = await readBody(response, maxBytes, operation);
    const contentType = response.header('content-type') ?? 'application/octet-stream';
    return { notModified: false, data, contentType, ...validators } satisfies BinaryReply;
  }
  return jsonValue(reply, await readBodyText(response, maxBytes, operation), operation, redact);
}

/** A JSON reply's text → its validated value, lenient enums applied (`finish`). */
function jsonValue(reply: JsonReplySpec, text: string, operation: string, redact: Redact): unknown {
  const value = decodeReply(reply.schema, decodeJson(text, operation, redact), operation, redact);
  return reply.finish && typeof value === 'object' && value !== null ? reply.finish(value) : value;
}

function encodeBody(definition: EndpointDefinition, body: unknown): HttpBody | undefined {
  if (body === undefined || definition.bodyKind === 'none') return undefined;
  if (definition.bodyKind === 'raw') return body as HttpBody;
  return JSON.stringify(body);
}

export function createRequester(options: RequesterOptions): Requester {
  const { http, auth, retry } = options;
  const defaultRetries = retry.maxRetries ?? 2;
  const maxRetryAfterMs = retry.maxRetryAfterMs ?? 60_000;
  const maxBytes = options.maxResponseBytes;
  /** An error reply's text: cut at the cap rather than failing, so the HTTP status still tells what happened. */
  const redact: Redact = (text) => redactText(text, auth.secrets());
  const errorText = async (response: HttpResponse) =>
    redact(textOf(await readBodyPrefix(response, maxBytes)));

  /** Waits before a retry, unless the wait would outlast the deadline (then the error is final). */
  async function waitOrGiveUp(
    delayMs: number,
    error: Error,
    timeoutMs: number,
    startedAt: number,
    operation: string,
    call: CallSignal,
  ): Promise<void> {
    const remaining =
      timeoutMs > 0 && Number.isFinite(timeoutMs) ? timeoutMs - (options.clock.now() - startedAt) : Infinity;
    if (delayMs >= remaining) throw error;
    options.logger.debug('prusa-connect: retrying', { operation, delayMs, error: error.name });
    await sleep(delayMs, call.signal, options.clock);
  }

  /** Not an async function: it returns the deadline's promise as is (no extra promise per call). */
  function request(name: EndpointName, input: RequestInput, callOptions = NO_OPTIONS): Promise<unknown> {
    try {
      return start(name, input, callOptions);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function start(name: EndpointName, input: RequestInput, callOptions: CallOptions): Promise<unknown> {
    const plan = planOf(name);
    if (typeof input !== 'object' || input === null) {
      throw new InvalidArgumentError(`${name}: the input must be an object ({ path, query, body })`, {
        argument: 'input',
      });
    }
    checkTimeout('timeoutMs', callOptions.timeoutMs);
    checkInteger('maxRetries', callOptions.maxRetries, 0);
    const { definition, operation } = plan;
    const path =
      options.basePath +
      buildPath(plan, input.path) +
      buildQuery(input.query as Record<string, QueryValue> | undefined);
    const body = encodeBody(definition, input.body);
    // A stream (a Node Readable, a generator) can be read once: a request carrying one is never resent.
    const replayable = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
    const maxRetries = definition.idempotent ? (callOptions.maxRetries ?? defaultRetries) : 0;
    const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs;
    const startedAt = options.clock.now();
    let refreshed = false;

    // Settled at the deadline even if a transport ignored its signal (call-deadline.ts).
    return runWithDeadline(attempts, callOptions.signal, timeoutMs, operation);

    async function attempts(call: CallSignal): Promise<unknown> {
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = { accept: 'application/json' };
        if (options.userAgent) headers['user-agent'] = options.userAgent;
        if (body !== undefined && definition.bodyKind === 'json')
          headers['content-type'] = 'application/json';
        if (input.headers)
          for (const [key, value] of Object.entries(input.headers)) headers[key.toLowerCase()] = value;
        const applied = definition.auth ? auth.apply(headers) : undefined;
        const stamp = applied instanceof Promise ? await applied : applied;

        let response: HttpResponse;
        try {
          response = await http.send(
            new OutgoingRequest(definition.method, path, headers, body, call, operation),
          );
        } catch (error) {
          const retryable = (error as { isRetryable?: boolean }).isRetryable === true && !call.aborted;
          if (!retryable || attempt >= maxRetries) throw error;
          const delayMs = retryDelay(attempt, undefined, retry);
          await waitOrGiveUp(delayMs, error as Error, timeoutMs, startedAt, operation, call);
          continue;
        }

        const { status } = response;
        if ((status >= 200 && status < 300) || (status === 304 && definition.reply.kind === 'binary')) {
          const { reply } = definition;
          // JSON, the common reply, read here: one async step less than through readReply.
          if (reply.kind === 'json') {
            return jsonValue(reply, await readBodyText(response, maxBytes, operation), operation, redact);
          }
          return await readReply(definition, response, operation, maxBytes, redact);
        }
        if (status === 401 && stamp && !refreshed && auth.canRefresh) {
          refreshed = true;
          if (!replayable) {
            // The stream was (partly) read by this attempt and cannot be sent again: sending it again
            // would upload nothing. Refresh anyway, so the caller's next try (and the upload abort)
            // goes out with the new token, and say why this call still fails.
            const refused = errorFromReply(status, await errorText(response), operation);
            await auth.afterUnauthorized(stamp, operation);
            throw new ConnectAuthError(
              `${operation} was refused with 401; the access token was refreshed, but a streamed body cannot be sent twice: send it again`,
              { operation, status, cause: refused },
            );
          }
          await readBodyPrefix(response, DISCARD_BYTES);
          options.logger.debug('prusa-connect: 401, refreshing the access token', { operation });
          if (await auth.afterUnauthorized(stamp, operation)) {
            attempt -= 1; // the retry after a refresh is not one of the 429/5xx retries
            continue;
          }
        }
        const text = await errorText(response);
        const error = errorFromReply(status, text, operation);
        if (!isRetryableStatus(status) || attempt >= maxRetries) throw error;
        const retryAfterMs = parseRetryAfter(response.header('retry-after'), options.clock.now());
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
        const delayMs = retryDelay(attempt, retryAfterMs, retry);
        await waitOrGiveUp(delayMs, error, timeoutMs, startedAt, operation, call);
      }
    }
  }

  return request as Requester;
}
