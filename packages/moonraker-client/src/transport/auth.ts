/**
 * Moonraker's ways to authenticate, all optional (an open Moonraker needs none):
 *
 * - API key: `X-Api-Key` on every HTTP request and on the WebSocket handshake (Node), and `api_key`
 *   in `server.connection.identify` (which also works in browsers, where a handshake cannot carry
 *   headers).
 * - JWT: `POST /access/login` → `Authorization: Bearer <token>` on HTTP and `access_token` in
 *   identify; when a request is refused, `POST /access/refresh_jwt` once (logging in again if the
 *   refresh token is refused too).
 * - Oneshot token: `GET /access/oneshot_token` before every WebSocket connect, put in the URL as
 *   `?token=` — the way a browser authorizes its socket.
 *
 * Secrets live only in this object; they are never logged or put in an error message.
 */
import { AuthError, PrinterRejectedError, type RequestOptions, withDeadline } from '@printkit/core-types';
import { describeIssues, type SchemaLike } from '@printkit/core-types/codec';
import { LoginResult, OneshotTokenResult, RefreshResult } from '../protocol/schemas.js';
import type { HttpTransport } from './http.js';

export interface MoonrakerCredentials {
  /** Moonraker's API key (`[authorization]` component). */
  apiKey?: string | undefined;
  /** A Moonraker user for JWT login. `source` defaults to `moonraker`. */
  login?: { username: string; password: string; source?: string } | undefined;
  /** A JWT obtained elsewhere; with `refreshToken` it is refreshed when refused. */
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  /** Fetch a oneshot token before each WebSocket connect and pass it as `?token=` (browsers). */
  oneshotToken?: boolean | undefined;
}

/** An auth answer, checked; a malformed one is an `AuthError` (no usable credentials came back). */
function parse<T>(schema: SchemaLike<T>, value: unknown, operation: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AuthError(`${operation}: unexpected answer (${describeIssues(parsed.error)})`, { operation });
}

export class MoonrakerAuth {
  readonly #credentials: MoonrakerCredentials;
  #http: HttpTransport | undefined;
  #accessToken: string | undefined;
  #refreshToken: string | undefined;
  #refreshing: Promise<boolean> | undefined;
  /** The last oneshot token fetched (valid for 5 s; kept so it can be masked). */
  #oneshot: string | undefined;

  constructor(credentials: MoonrakerCredentials) {
    this.#credentials = credentials;
    this.#accessToken = credentials.accessToken;
    this.#refreshToken = credentials.refreshToken;
  }

  /** The HTTP transport used for login / refresh / oneshot requests. */
  attach(http: HttpTransport): void {
    this.#http = http;
  }

  get usesJwt(): boolean {
    return this.#credentials.login !== undefined || this.#accessToken !== undefined;
  }

  /** Every secret this object holds or may send: masked wherever server text or a URL is shown. */
  secrets(): string[] {
    const { apiKey, login } = this.#credentials;
    const all = [apiKey, login?.password, this.#accessToken, this.#refreshToken, this.#oneshot];
    return all.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  }

  /** Headers for HTTP requests and the Node WebSocket handshake. */
  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.#credentials.apiKey) headers['X-Api-Key'] = this.#credentials.apiKey;
    if (this.#accessToken) headers.Authorization = `Bearer ${this.#accessToken}`;
    return headers;
  }

  /** Fields to add to `server.connection.identify`. */
  identifyFields(): { api_key?: string; access_token?: string } {
    return {
      ...(this.#credentials.apiKey ? { api_key: this.#credentials.apiKey } : {}),
      ...(this.#accessToken ? { access_token: this.#accessToken } : {}),
    };
  }

  /** Logs in first when a username is configured and no token is held yet. */
  async ensureToken(options: RequestOptions = {}): Promise<void> {
    if (this.#credentials.login && this.#accessToken === undefined) await this.login(options);
  }

  /** `POST /access/login`; keeps the token and the refresh token. */
  async login(options: RequestOptions = {}): Promise<void> {
    const { login } = this.#credentials;
    if (!login)
      throw new AuthError('No username and password configured for JWT login', { operation: 'login' });
    const result = await this.#requireHttp()
      .request(
        {
          verb: 'POST',
          path: '/access/login',
          json: { username: login.username, password: login.password, source: login.source ?? 'moonraker' },
          anonymous: true,
        },
        'access.login',
        options,
      )
      .catch((error: unknown) => {
        // A wrong password is a 400 from Moonraker: for the caller it is refused credentials. An
        // unreachable or slow Moonraker stays a connection/timeout error, so the reconnect loop
        // keeps trying (an AuthError would stop it for good).
        throw PrinterRejectedError.isInstance(error)
          ? new AuthError('Moonraker refused the JWT login', { operation: 'access.login', cause: error })
          : error;
      });
    const tokens = parse(LoginResult, result, 'access.login');
    this.#accessToken = tokens.token;
    this.#refreshToken = tokens.refresh_token;
  }

  /**
   * After a refusal: refreshes the JWT (or logs in again). Resolves true when new credentials are
   * held, false when there is nothing to refresh (API key or no auth: a retry would not help).
   */
  renew(signal?: AbortSignal): Promise<boolean> {
    if (!this.usesJwt) return Promise.resolve(false);
    // One renewal serves every caller refused meanwhile, so no single caller's signal may cancel it:
    // it runs under the transport's own deadline (and the client's close), and each caller stops
    // waiting on its own signal.
    this.#refreshing ??= this.#renew().finally(() => {
      this.#refreshing = undefined;
    });
    const shared = this.#refreshing;
    return signal === undefined
      ? shared
      : withDeadline(() => shared, { signal, operation: 'access.refresh_jwt' });
  }

  async #renew(): Promise<boolean> {
    if (this.#refreshToken) {
      try {
        const result = await this.#requireHttp().request(
          {
            verb: 'POST',
            path: '/access/refresh_jwt',
            json: { refresh_token: this.#refreshToken },
            anonymous: true,
          },
          'access.refresh_jwt',
        );
        this.#accessToken = parse(RefreshResult, result, 'access.refresh_jwt').token;
        return true;
      } catch (error) {
        if (!this.#credentials.login) throw error;
      }
    }
    if (!this.#credentials.login) return false;
    await this.login();
    return true;
  }

  /** The WebSocket URL, with a fresh oneshot token when configured. */
  async websocketUrl(url: string, options: RequestOptions = {}): Promise<string> {
    if (!this.#credentials.oneshotToken) return url;
    await this.ensureToken(options);
    const result = await this.#requireHttp().request(
      { verb: 'GET', path: '/access/oneshot_token' },
      'access.oneshot_token',
      options,
    );
    const token = parse(OneshotTokenResult, result, 'access.oneshot_token');
    this.#oneshot = token;
    const separator = url.includes('?') ? '&' : '?';
    return `${url}${separator}token=${encodeURIComponent(token)}`;
  }

  #requireHttp(): HttpTransport {
    if (!this.#http) throw new AuthError('Auth is not attached to an HTTP transport', { operation: 'auth' });
    return this.#http;
  }
}
