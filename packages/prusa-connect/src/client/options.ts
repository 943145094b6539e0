/**
 * The client's options and their check. Bad caller input is refused with an `InvalidArgumentError`
 * before anything is sent (policy 5), never a `TypeError` from deep inside a request.
 */
import { type Clock, InvalidArgumentError, type Logger } from '@printkit/core-types';
import type { CommandValidationOptions } from '../protocol/command-validation.js';
import type { AuthOptions, AuthScheme } from '../transport/auth.js';
import type { FetchFunction } from '../transport/fetch.js';
import type { HttpTransport } from '../transport/http.js';
import type { RetryOptions } from '../transport/retry.js';

export const DEFAULT_BASE_URL = 'https://connect.prusa3d.com';
/** Default deadline of each call (all its retries included), ms. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface PrusaConnectClientOptions {
  /** Default `https://connect.prusa3d.com`; a path prefix is kept (`http://127.0.0.1:8080/connect`). */
  baseUrl?: string;
  /** A fixed access token (JWT). */
  token?: string;
  /** Returns the current access token; asked before every request. */
  getToken?: AuthOptions['getToken'];
  /** Called once on a 401 (single-flight); the request is then retried once. See README "Tokens". */
  refreshToken?: AuthOptions['refreshToken'];
  /** `bearer` (default): `Authorization: Bearer`; `cookie`: the `auth.access_token` cookie; `both`. */
  authScheme?: AuthScheme;
  /** Use this `fetch` instead of the default transport (msw's `setupServer`, a custom agent). */
  fetch?: FetchFunction;
  /**
   * A transport of your own (instrumentation, a proxy); wins over `fetch`. The client never closes it:
   * close it yourself after `client.close()`.
   */
  transport?: HttpTransport;
  /** Connections the Node default transport opens at most, each only while the others are busy (see its README). Default 16. */
  connections?: number;
  /** Deadline of each call (all its retries included), ms. Default 15 000. */
  timeoutMs?: number;
  /** Retries of idempotent requests after 429/5xx/network failures. Default 2. */
  maxRetries?: number;
  retry?: Omit<RetryOptions, 'maxRetries'>;
  /** Check command kwargs against the printer's supported-commands before sending. Default false. */
  validateCommands?: boolean | CommandValidationOptions;
  /** `User-Agent`; the Node default transport sends `@printkit/prusa-connect/<version>` when unset. */
  userAgent?: string;
  /**
   * Largest reply body the client reads, bytes. Default 16 MiB; past it the client stops reading and the
   * call fails with a `ProtocolError`.
   */
  maxResponseBytes?: number;
  /** Time source and timers (retry waits, Retry-After dates); tests pass a fake one. */
  clock?: Clock;
  /** Debug events (requests retried, tokens refreshed, protocol errors); silent by default. */
  logger?: Logger;
}

const fail = (argument: string, expected: string): never => {
  throw new InvalidArgumentError(`Option ${argument} must be ${expected}`, { argument });
};

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** Throws `InvalidArgumentError` for the first option that cannot work; returns the parsed base URL. */
export function checkClientOptions(options: PrusaConnectClientOptions): URL {
  if (typeof options !== 'object' || options === null) fail('options', 'an object');
  let base: URL | undefined;
  try {
    base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  } catch {
    // The text is not repeated: a URL may carry credentials.
    fail('baseUrl', 'an absolute http(s) URL');
  }
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:'))
    fail('baseUrl', 'an absolute http(s) URL');
  if (options.token !== undefined && typeof options.token !== 'string') fail('token', 'a string');
  if (options.getToken !== undefined && !isFunction(options.getToken)) fail('getToken', 'a function');
  if (options.refreshToken !== undefined && !isFunction(options.refreshToken))
    fail('refreshToken', 'a function');
  if (options.authScheme !== undefined && !['bearer', 'cookie', 'both'].includes(options.authScheme))
    fail('authScheme', "'bearer', 'cookie' or 'both'");
  if (options.fetch !== undefined && !isFunction(options.fetch)) fail('fetch', 'a function');
  const transport = options.transport as Partial<HttpTransport> | undefined;
  if (transport !== undefined && (!isFunction(transport?.send) || !isFunction(transport?.close)))
    fail('transport', 'an object with send() and close()');
  checkInteger('connections', options.connections, 1);
  checkInteger('maxRetries', options.maxRetries, 0);
  checkInteger('maxResponseBytes', options.maxResponseBytes, 1);
  checkTimeout('timeoutMs', options.timeoutMs);
  if (options.userAgent !== undefined && typeof options.userAgent !== 'string') fail('userAgent', 'a string');
  const clock = options.clock as Partial<Clock> | undefined;
  if (
    clock !== undefined &&
    (!isFunction(clock?.now) || !isFunction(clock?.setTimeout) || !isFunction(clock?.clearTimeout))
  )
    fail('clock', 'a Clock (now, setTimeout, clearTimeout)');
  const logger = options.logger as Partial<Logger> | undefined;
  if (logger !== undefined && !isFunction(logger?.debug))
    fail('logger', 'a Logger (debug, info, warn, error)');
  return base as URL;
}

export function checkInteger(argument: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    fail(argument, `an integer >= ${min}`);
}

/** A deadline: a positive number of ms, or 0 / Infinity for none. */
export function checkTimeout(argument: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) fail(argument, 'a number of ms >= 0');
}
