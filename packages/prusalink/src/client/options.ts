/**
 * Client options and their validation: bad input is an `InvalidArgumentError` before anything is sent.
 */
import {
  type Clock,
  InvalidArgumentError,
  type Logger,
  silentLogger,
  systemClock,
} from '@printkit/core-types';
import type { Dispatcher } from 'undici';
import type { FetchFunction } from '../transport/fetch.js';

export interface PrusaLinkClientOptions {
  /**
   * The printer, e.g. `http://192.168.1.20`. A user and password written into the URL
   * (`http://maker:secret@printer.local`) are used for Digest and never shown.
   */
  url: string;
  /** Digest user name. Default `maker` (the fixed user of the Buddy firmware). */
  username?: string;
  /** Digest password (the printer's menu shows it, Settings → Network → PrusaLink). */
  password?: string;
  /** `X-Api-Key` instead of Digest (older firmware, PrusaLink on a Pi). Sent as given, never logged. */
  apiKey?: string;
  /**
   * Which API the printer speaks. `auto` (default) asks `/api/version` once: an `api` of
   * `0.9.0-legacy` (PrusaLink 0.9 on a Pi, 2022–2023), or any `0.x`, means `legacy`.
   */
  dialect?: 'auto' | 'v1' | 'legacy';
  /** Default deadline of every call, ms. Default 10 000. */
  timeoutMs?: number;
  /** Retries of a GET after a network error, 429 or 5xx. Default 2. Other methods are never retried. */
  maxRetries?: number;
  /** A fetch to use instead of undici (browsers, msw, a proxy agent). */
  fetch?: FetchFunction;
  /** An undici Dispatcher to use instead of the client's own connections; never closed by the client. */
  dispatcher?: Dispatcher;
  /** Connections (undici Clients) the client opens at most; the second only while the first is busy. Default 2. */
  connections?: number;
  /** Debug events (challenges, retries, errors); silent by default; never given a secret. */
  logger?: Logger;
  clock?: Clock;
}

export interface ResolvedClientOptions {
  readonly origin: string;
  readonly username: string;
  readonly password: string | undefined;
  readonly apiKey: string | undefined;
  readonly dialect: 'auto' | 'v1' | 'legacy';
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly fetch: FetchFunction | undefined;
  readonly dispatcher: Dispatcher | undefined;
  readonly connections: number;
  readonly logger: Logger;
  readonly clock: Clock;
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`createPrusaLinkClient: ${message}`, {
    argument,
    operation: 'createPrusaLinkClient',
  });
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name, `${name} must be a string`);
  return value;
}

export function resolveClientOptions(options: PrusaLinkClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'options must be an object');
  if (typeof options.url !== 'string')
    throw invalid('url', 'url must be a string such as http://192.168.1.20');
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    // The URL itself is not quoted: it may carry a password.
    throw invalid('url', 'url is not a valid URL (expected e.g. http://192.168.1.20)');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid('url', 'url must be http: or https:');
  const urlUser = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const urlPassword = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const dialect = options.dialect ?? 'auto';
  if (dialect !== 'auto' && dialect !== 'v1' && dialect !== 'legacy')
    throw invalid('dialect', "dialect must be 'auto', 'v1' or 'legacy'");
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw invalid('timeoutMs', 'timeoutMs must be a number > 0 (Infinity for none)');
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10)
    throw invalid('maxRetries', 'maxRetries must be an integer 0..10');
  const connections = options.connections ?? 2;
  if (!Number.isInteger(connections) || connections < 1)
    throw invalid('connections', 'connections must be an integer >= 1');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw invalid('fetch', 'fetch must be a function');
  return {
    origin: parsed.origin,
    username: optionalString(options.username, 'username') ?? urlUser ?? 'maker',
    password: optionalString(options.password, 'password') ?? urlPassword,
    apiKey: optionalString(options.apiKey, 'apiKey'),
    dialect,
    timeoutMs,
    maxRetries,
    fetch: options.fetch,
    dispatcher: options.dispatcher,
    connections,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
  };
}
