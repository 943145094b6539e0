/**
 * One call of the endpoint table: build the request, authenticate it (X-Api-Key, or Digest with the
 * kept challenge: one probe of `/api/version` for the first nonce, a re-challenge on `stale=true`),
 * send it under a deadline, read the reply as the table says, and turn refusals into printkit errors.
 * Only GETs are retried (network error, 429, 5xx), with capped backoff on the client's clock: a PUT,
 * POST or DELETE that may have reached the printer must not run twice.
 */
import {
  backoffDelay,
  type Clock,
  type Logger,
  PrintkitError,
  ProtocolError,
  type RequestOptions,
  redactUrl,
  withDeadline,
} from '@printkit/core-types';
import { parseJson } from '../protocol/decode.js';
import { errorFromResponse } from '../protocol/errors.js';
import type { BuiltRequest, EndpointDef, EndpointName, EndpointResult } from '../protocol/table.js';
import type { FileHead } from '../protocol/wire.js';
import { type DigestSession, parseDigestChallenge } from './digest.js';
import type { HttpResponse, HttpTransport } from './http.js';

/**
 * Replies larger than these are refused with a `ProtocolError` (a printer's JSON is a few KB, a folder
 * listing some 100 KB, a camera snapshot up to a few MB).
 */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export interface CallOptions extends RequestOptions {}

export interface RequesterOptions {
  readonly origin: string;
  readonly transport: HttpTransport;
  readonly digest: DigestSession | undefined;
  readonly apiKey: string | undefined;
  readonly secrets: readonly (string | undefined)[];
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborted when the client closes: every call then settles. */
  readonly closed: AbortSignal;
}

export class Requester {
  readonly #options: RequesterOptions;
  #probing: Promise<void> | undefined;
  /** The probe got no challenge: requests go without `Authorization` until a 401 brings one. */
  #unchallenged = false;

  constructor(options: RequesterOptions) {
    this.#options = options;
  }

  call<N extends EndpointName>(
    def: EndpointDef<N>,
    input: unknown,
    options: CallOptions = {},
  ): Promise<EndpointResult<N>> {
    const operation = `${def.method} ${def.template}`;
    let built: BuiltRequest;
    try {
      built = def.build(input as never);
    } catch (error) {
      return Promise.reject(error);
    }
    const { closed } = this.#options;
    // AbortSignal.any costs a few µs per call: only when there is a caller signal to combine.
    const signal = options.signal ? AbortSignal.any([closed, options.signal]) : closed;
    return withDeadline((deadline) => this.#withRetries(def, built, operation, deadline), {
      signal,
      timeoutMs: options.timeoutMs ?? this.#options.timeoutMs,
      operation,
    });
  }

  async #withRetries<N extends EndpointName>(
    def: EndpointDef<N>,
    built: BuiltRequest,
    operation: string,
    signal: AbortSignal,
  ): Promise<EndpointResult<N>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(def, built, operation, signal);
      } catch (error) {
        const retryable = def.method === 'GET' && PrintkitError.isInstance(error) && error.isRetryable;
        if (!retryable || attempt >= this.#options.maxRetries || signal.aborted) throw error;
        const delayMs = backoffDelay(attempt, { initialDelayMs: 250, maxDelayMs: 4_000, jitter: 0.5 });
        this.#options.logger.debug('prusalink: retrying', {
          operation,
          attempt: attempt + 1,
          delayMs,
          error: error.message,
        });
        await this.#sleep(delayMs, signal);
      }
    }
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    const { clock } = this.#options;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clock.clearTimeout(handle);
        reject(signal.reason);
      };
      const handle = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #once<N extends EndpointName>(
    def: EndpointDef<N>,
    built: BuiltRequest,
    operation: string,
    signal: AbortSignal,
  ): Promise<EndpointResult<N>> {
    const response = await this.#send(def.method, built, operation, signal);
    if (response.status < 200 || response.status >= 300) {
      const text = await this.#readText(response);
      throw errorFromResponse(response.status, text, {
        operation,
        secrets: this.#options.secrets,
        authScheme: response.header('www-authenticate')?.split(/\s/)[0],
      });
    }
    const reply = def.reply;
    switch (reply.kind) {
      case 'none':
        await response.discard();
        return undefined as EndpointResult<N>;
      case 'head':
        await response.discard();
        return {
          readOnly: parseBooleanHeader(response.header('read-only')),
          currentlyPrinted: parseBooleanHeader(response.header('currently-printed')),
        } satisfies FileHead as EndpointResult<N>;
      case 'image': {
        if (response.status === 204) {
          await response.discard();
          return undefined as EndpointResult<N>;
        }
        const data = await response.bytes(MAX_IMAGE_BYTES);
        return {
          contentType: response.header('content-type') ?? 'application/octet-stream',
          data,
        } as EndpointResult<N>;
      }
      case 'json':
      case 'json-or-none': {
        if (response.status === 204) {
          await response.discard();
          if (reply.kind === 'json-or-none') return undefined as EndpointResult<N>;
          throw new ProtocolError(`${operation} answered 204 without the expected body`, { operation });
        }
        const text = await this.#readText(response);
        return reply.decode(parseJson(text, operation), operation) as EndpointResult<N>;
      }
    }
  }

  #readText(response: HttpResponse): Promise<string> {
    return response.text(MAX_JSON_BYTES);
  }

  /** Sends with credentials; answers a Digest challenge (first nonce, or stale) by sending once more. */
  async #send(
    method: EndpointDef<EndpointName>['method'],
    built: BuiltRequest,
    operation: string,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    const { digest, apiKey, transport } = this.#options;
    // JSON errors: the spec's Error object instead of a text page (spec: the Accept header decides).
    const headers: Record<string, string> = { accept: 'application/json', ...built.headers };
    if (apiKey !== undefined) headers['x-api-key'] = apiKey;
    else if (digest && !digest.ready && !this.#unchallenged) await this.#probe(signal);
    const request = { method, path: built.path, headers, body: built.body, signal, operation };
    const authorization = apiKey === undefined ? await digest?.authorization(method, built.path) : undefined;
    if (authorization !== undefined) headers.authorization = authorization;
    const response = await transport.send(request);
    if (response.status !== 401 || apiKey !== undefined || !digest) return response;
    const challenge = parseDigestChallenge(response.header('www-authenticate'));
    // A refusal of the answer itself (stale=false after we answered) means a wrong password.
    if (!challenge || (authorization !== undefined && !challenge.stale)) return response;
    await response.discard();
    digest.accept(challenge);
    this.#options.logger.debug('prusalink: new digest nonce', { operation, stale: challenge.stale });
    const retried = await digest.authorization(method, built.path);
    return transport.send({ ...request, headers: { ...headers, authorization: retried ?? '' } });
  }

  /** Gets the first challenge with one unauthenticated GET of /api/version (shared by concurrent calls). */
  #probe(signal: AbortSignal): Promise<void> {
    // Shared by concurrent calls, so it is not tied to the first caller's signal: it ends with the
    // client, or after the client's timeout; each caller still waits under its own deadline.
    this.#probing ??= (async () => {
      const operation = 'GET /api/version (digest challenge)';
      const probeSignal = AbortSignal.any([
        this.#options.closed,
        AbortSignal.timeout(this.#options.timeoutMs),
      ]);
      try {
        const response = await this.#options.transport.send({
          method: 'GET',
          path: '/api/version',
          headers: {},
          signal: probeSignal,
          operation,
        });
        await response.discard();
        const challenge = parseDigestChallenge(response.header('www-authenticate'));
        if (challenge) this.#options.digest?.accept(challenge);
        // A printer that answers without a challenge needs none: do not ask before every request.
        else this.#unchallenged = true;
        this.#options.logger.debug('prusalink: digest challenge', {
          url: redactUrl(`${this.#options.origin}/api/version`),
          status: response.status,
          challenged: challenge !== undefined,
        });
      } finally {
        this.#probing = undefined;
      }
    })();
    const probing = this.#probing;
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      probing.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

function parseBooleanHeader(value: string | undefined): boolean | undefined {
  const normalized = value?.trim().toLowerCase();
  if (normalized === 'true' || normalized === '?1') return true;
  if (normalized === 'false' || normalized === '?0') return false;
  return undefined;
}
