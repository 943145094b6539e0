/**
 * Checks `createMoonrakerClient` options up front, so a typo fails at once with an
 * `InvalidArgumentError` naming the option instead of surfacing later as a `TypeError` from `new URL`
 * or as a client that never times out.
 */
import type { BackoffOptions, Clock, Logger } from '@printkit/core-types';
import { InvalidArgumentError } from '@printkit/core-types';
import type { ClientType, ObjectsRequest } from '../protocol/index.js';
import type { MoonrakerCredentials } from '../transport/auth.js';
import type { FetchLike } from '../transport/http.js';
import type { WebSocketConstructor } from '../transport/websocket.js';

export interface MoonrakerClientOptions extends MoonrakerCredentials {
  /** Moonraker's base URL, e.g. `http://printer.local:7125`. */
  url: string;
  /** Default: `url` with `ws:`/`wss:` and `/websocket`. */
  websocketUrl?: string;
  /** `websocket` (default): calls, notifications and status over one socket. `http`: requests only. */
  transport?: 'websocket' | 'http';
  /** WebSocket constructor; default: the global one, else `ws` (Node 20). See the README. */
  WebSocket?: WebSocketConstructor;
  /** `fetch` for HTTP calls, uploads and auth; default: the global `fetch`. */
  fetch?: FetchLike;
  /** Deadline of every call without its own `timeoutMs`. Default 10 000 ms. */
  timeoutMs?: number;
  /** Deadline of `connect()`. Default 30 000 ms. */
  connectTimeoutMs?: number;
  /** What the client tells Moonraker about itself in `server.connection.identify`. */
  identify?: { client_name?: string; version?: string; type?: ClientType; url?: string };
  /**
   * Objects to subscribe to after every (re)connect and Klippy restart: an objects request,
   * `'all'` (every loaded object), or by default the typed objects that are loaded.
   */
  subscribe?: ObjectsRequest | 'all';
  /** Reconnect backoff (default 500 ms doubling to 30 s, jitter 0.5), or `false` to never reconnect. */
  reconnect?: false | BackoffOptions;
  /** A socket silent this long is replaced. Default 10 000 ms (Moonraker pushes proc stats every second). 0: off. */
  livenessTimeoutMs?: number;
  /** `server.info` polling interval while Klippy starts up or is not connected. Default 2 000 ms. */
  klippyPollIntervalMs?: number;
  /** Deliver `status` events at most once per this many ms (diffs merged). Default 0: every update. */
  statusFlushIntervalMs?: number;
  /** Time and timers for timestamps, liveness, Klippy polling and reconnect waits. Default: the system clock. */
  clock?: Clock;
  /** Debug events (connect, reconnect, retries, protocol errors). Silent by default; never given a secret. */
  logger?: Logger;
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`${argument} ${message}`, { argument, operation: 'createMoonrakerClient' });
}

function checkUrl(argument: string, value: unknown, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw invalid(
      argument,
      `must be an absolute URL such as http://printer.local:7125, got ${JSON.stringify(value)}`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw invalid(argument, `must use ${protocols.join(' or ')}, got ${url.protocol}`);
  }
}

/** A duration in ms: 0 or more (Infinity allowed where "none" makes sense). */
function checkMs(argument: string, value: number | undefined, allowZero: boolean): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && !Number.isNaN(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok)
    throw invalid(
      argument,
      `must be a number of milliseconds ${allowZero ? '≥ 0' : 'above 0'}, got ${value}`,
    );
}

function checkFunctions(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw invalid(argument, 'must be a function');
}

function checkMethods(argument: string, value: unknown, methods: readonly string[]): void {
  if (value === undefined) return;
  const missing = methods.filter(
    (name) => typeof (value as Record<string, unknown> | null)?.[name] !== 'function',
  );
  if (missing.length > 0) throw invalid(argument, `must have the methods ${methods.join(', ')}`);
}

export function validateClientOptions(options: MoonrakerClientOptions): void {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  checkUrl('url', options.url, ['http:', 'https:']);
  if (options.websocketUrl !== undefined) {
    checkUrl('websocketUrl', options.websocketUrl, ['ws:', 'wss:', 'http:', 'https:']);
  }
  if (options.transport !== undefined && options.transport !== 'websocket' && options.transport !== 'http') {
    throw invalid('transport', `must be 'websocket' or 'http', got ${JSON.stringify(options.transport)}`);
  }
  checkMs('timeoutMs', options.timeoutMs, true);
  checkMs('connectTimeoutMs', options.connectTimeoutMs, true);
  checkMs('livenessTimeoutMs', options.livenessTimeoutMs, true);
  checkMs('statusFlushIntervalMs', options.statusFlushIntervalMs, true);
  // Polling every 0 ms would spin; Infinity would never notice Klippy coming up.
  checkMs('klippyPollIntervalMs', options.klippyPollIntervalMs, false);
  if (options.klippyPollIntervalMs === Number.POSITIVE_INFINITY) {
    throw invalid('klippyPollIntervalMs', 'must be finite');
  }
  // Credentials: the type is checked, the value never shown.
  for (const name of ['apiKey', 'accessToken', 'refreshToken'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string')
      throw invalid(name, 'must be a string');
  }
  const { login } = options;
  if (
    login !== undefined &&
    (typeof login !== 'object' ||
      login === null ||
      typeof login.username !== 'string' ||
      typeof login.password !== 'string' ||
      (login.source !== undefined && typeof login.source !== 'string'))
  ) {
    throw invalid('login', 'must be { username: string; password: string; source?: string }');
  }
  if (
    options.reconnect !== undefined &&
    options.reconnect !== false &&
    typeof options.reconnect !== 'object'
  ) {
    throw invalid('reconnect', 'must be false or backoff options');
  }
  checkFunctions('WebSocket', options.WebSocket);
  checkFunctions('fetch', options.fetch);
  checkMethods('clock', options.clock, ['now', 'setTimeout', 'clearTimeout']);
  checkMethods('logger', options.logger, ['debug', 'info', 'warn', 'error']);
  const { subscribe } = options;
  if (
    subscribe !== undefined &&
    subscribe !== 'all' &&
    (typeof subscribe !== 'object' || subscribe === null || Array.isArray(subscribe))
  ) {
    throw invalid('subscribe', "must be an objects request ({ name: fields | null }) or 'all'");
  }
}
