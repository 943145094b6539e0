/**
 * A ready-made token provider for Connect's OAuth 2 refresh flow, as both public clients run it
 * (MartinNuc/ha-prusa-connect `auth.py`, dcode/python-prusa-connect-sdk-client `auth.py`; see the mock's
 * README "Account side"): `POST https://account.prusa3d.com/o/token/` with the form
 * `grant_type=refresh_token&client_id=…&refresh_token=…` → `{access_token, expires_in, refresh_token, …}`.
 *
 * - Single-flight: calls that need a token while a refresh runs wait for that one refresh. Refresh
 *   tokens rotate (the one used is spent), so two refreshes with one token would lose one of them.
 * - Refreshes shortly before the access token expires (`refreshBeforeMs`, default 60 s before `exp`,
 *   from `expires_in` or the JWT's `exp`), and again when Connect answers 401.
 * - Hands every new token set to `onTokens`: store its `refresh_token`, the old one is spent.
 * - A refresh token the endpoint refuses (4xx: spent, expired, revoked) is not tried again: every later
 *   call fails at once with that `AuthError` (log in again, then make a new provider).
 * - Never puts a token in an error or a log line: the token endpoint's text is masked before use.
 */
import {
  AuthError,
  type Clock,
  ConnectionError,
  InvalidArgumentError,
  type Logger,
  ProtocolError,
  redactText,
  silentLogger,
  systemClock,
  withDeadline,
} from '@printkit/core-types';
import { decodeWith } from '@printkit/core-types/codec';
import * as z from 'zod/mini';
import { readBodyPrefix, textOf } from './body.js';
import { createFetchTransport, type FetchFunction } from './fetch.js';

/** Prusa Account's token endpoint, where both public clients refresh. */
export const DEFAULT_TOKEN_URL = 'https://account.prusa3d.com/o/token/';
/** Connect's OAuth client id, as both public clients send it. */
export const CONNECT_CLIENT_ID = 'MRHTlZhZqkNrrQ6FUPtjyusAz8nc59ErHXP8XkS4';

const TokenSetSchema = z.looseObject({
  access_token: z.string(),
  expires_in: z.optional(z.number()),
  token_type: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  scope: z.optional(z.string()),
});
/** What the token endpoint answers (other fields, e.g. `id_token`, are kept). */
export type TokenSet = z.infer<typeof TokenSetSchema>;

export interface RefreshTokenAuthOptions {
  /** The refresh token from your login. It rotates: store the one `onTokens` hands you. */
  refreshToken: string;
  /** An access token you already hold (else the first request refreshes). */
  accessToken?: string;
  /** Default `https://account.prusa3d.com/o/token/`. */
  tokenUrl?: string;
  /** Default Connect's client id (`MRHTlZhZqkNrrQ6FUPtjyusAz8nc59ErHXP8XkS4`). */
  clientId?: string;
  /** Refresh this long before the access token expires, ms. Default 60 000. */
  refreshBeforeMs?: number;
  /** Every new token set, after each refresh: persist `refresh_token`. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /** Default the global `fetch`. */
  fetch?: FetchFunction;
  /** Deadline of one refresh, ms. Default 15 000. */
  timeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
}

/** Plugs into `createPrusaConnectClient({ ...auth })` (or its printer): `getToken` and `refreshToken`. */
export interface RefreshTokenAuth {
  /** The current access token, refreshed first when it expires within `refreshBeforeMs`. */
  getToken(): Promise<string>;
  /** Refreshes now (joining a refresh under way); the client calls it when Connect answers 401. */
  refreshToken(): Promise<string>;
}

/** `exp` of a JWT, ms since the epoch, or undefined (not a JWT, no `exp`). Not verified: only a hint. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = (json as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function createRefreshTokenAuth(options: RefreshTokenAuthOptions): RefreshTokenAuth {
  if (typeof options?.refreshToken !== 'string' || options.refreshToken === '') {
    throw new InvalidArgumentError('Option refreshToken must be a non-empty string', {
      argument: 'refreshToken',
    });
  }
  let url: URL;
  try {
    url = new URL(options.tokenUrl ?? DEFAULT_TOKEN_URL);
  } catch {
    throw new InvalidArgumentError('Option tokenUrl must be an absolute http(s) URL', {
      argument: 'tokenUrl',
    });
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const transport = createFetchTransport(url.origin, fetchFunction);
  const operation = 'POST /o/token/';
  let refreshToken = options.refreshToken;
  let accessToken = options.accessToken;
  let expiresAt = accessToken === undefined ? undefined : jwtExpiry(accessToken);
  let inflight: Promise<string> | undefined;
  /** Set when the token endpoint refused the refresh token (4xx): it will not work again. */
  let refused: AuthError | undefined;
  /** Every refresh token seen: masked in whatever the token endpoint says. */
  const spent: string[] = [refreshToken];
  const redact = (text: string) => redactText(text, [...spent, accessToken]);

  async function exchange(signal: AbortSignal): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: options.clientId ?? CONNECT_CLIENT_ID,
      refresh_token: refreshToken,
    }).toString();
    const response = await transport.send({
      method: 'POST',
      path: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal,
      operation,
    });
    const text = redact(textOf(await readBodyPrefix(response, 64 * 1024)));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status < 200 || response.status >= 300) {
      const oauth = (json ?? {}) as { error?: unknown; error_description?: unknown };
      const code = typeof oauth.error === 'string' ? oauth.error.slice(0, 100) : `HTTP ${response.status}`;
      const description = typeof oauth.error_description === 'string' ? `: ${oauth.error_description}` : '';
      const message = `The token endpoint refused the refresh (${code}${description}); log in again for a new refresh token`;
      if (response.status >= 500 || response.status === 429) {
        throw new ConnectionError(message, { operation, retryable: true });
      }
      // The refresh token is dead (spent, expired, revoked): only a new login helps, so later calls
      // get this error at once instead of asking the token endpoint again.
      refused = new AuthError(message, { operation, status: response.status });
      throw refused;
    }
    const decoded = decodeWith(TokenSetSchema, json, { what: 'token endpoint reply', operation });
    if (!decoded.ok) throw new ProtocolError(decoded.error.message, { operation });
    const tokens = decoded.value as TokenSet;
    accessToken = tokens.access_token;
    if (tokens.refresh_token) {
      refreshToken = tokens.refresh_token;
      spent.push(refreshToken);
      if (spent.length > 8) spent.shift();
    }
    expiresAt =
      typeof tokens.expires_in === 'number' && Number.isFinite(tokens.expires_in)
        ? clock.now() + tokens.expires_in * 1000
        : jwtExpiry(tokens.access_token);
    logger.debug('prusa-connect: access token refreshed', {
      expiresInMs: expiresAt === undefined ? null : expiresAt - clock.now(),
    });
    await options.onTokens?.(tokens);
    return tokens.access_token;
  }

  function refresh(): Promise<string> {
    if (refused) return Promise.reject(refused);
    inflight ??= withDeadline((signal) => exchange(signal), {
      timeoutMs: options.timeoutMs ?? 15_000,
      operation,
    }).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    async getToken() {
      if (inflight) return inflight;
      const fresh =
        accessToken !== undefined && (expiresAt === undefined || clock.now() < expiresAt - refreshBeforeMs);
      return fresh ? (accessToken as string) : refresh();
    },
    refreshToken: refresh,
  };
}
