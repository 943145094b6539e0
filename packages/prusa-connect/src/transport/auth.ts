/**
 * Credentials for Connect's `/app` endpoints.
 *
 * Connect takes its JWT access token as `Authorization: Bearer <token>` (what integrations use) or as
 * the `auth.access_token` cookie (what the browser sends). Access tokens live ~2 h and refresh tokens
 * rotate on every refresh, so the app owns the token lifecycle; this module only asks it:
 * - `token`: a fixed token, or `getToken()`: asked before every request (cheap: return a cached value);
 * - `refreshToken()`: called once when Connect answers 401, then the request is retried once. Calls that
 *   fail together share one refresh (single-flight); a call whose token was already replaced by a
 *   finished refresh just retries with the new one.
 * There is no browser login flow here (OAuth2 PKCE at account.prusa3d.com is the app's business).
 */
import { ConnectAuthError } from '../protocol/errors.js';

export type AuthScheme = 'bearer' | 'cookie' | 'both';

export interface AuthOptions {
  /** A fixed access token. */
  token?: string | undefined;
  /** Returns the current access token; preferred over `token` when both are given. */
  getToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /**
   * Called when Connect answers 401. Return (or resolve to) the new access token, or nothing when
   * `getToken` will return it from now on. Throwing ends the call with an `AuthError` (the cause is kept).
   */
  refreshToken?: (() => unknown) | undefined;
  /** How the token is sent. Default `bearer`. */
  scheme?: AuthScheme | undefined;
  /** Other credentials this client sends (a camera's Token/Fingerprint headers): masked like tokens. */
  otherSecrets?: readonly string[] | undefined;
}

/** What a request was sent with; handed back on a 401 so the refresh logic can tell stale from new. */
export interface AuthStamp {
  readonly generation: number;
}

export class TokenAuth {
  readonly #options: AuthOptions;
  #refreshed: string | undefined;
  #generation = 0;
  #refreshing: Promise<void> | undefined;
  /** The last few tokens sent, so text a server echoes can be masked (bounded: tokens rotate). */
  readonly #sent: string[] = [];
  /** The header values of the last token sent, made once per token rather than once per request. */
  #lastToken: string | undefined;
  #bearer = '';
  #cookie = '';
  /** One stamp per token generation: it only carries the generation, so requests can share it. */
  #stamp: AuthStamp = { generation: 0 };

  constructor(options: AuthOptions) {
    this.#options = options;
  }

  get canRefresh(): boolean {
    return this.#options.refreshToken !== undefined;
  }

  /**
   * Adds the credentials to `headers`; returns the stamp to hand to `afterUnauthorized`. Synchronous
   * unless a `getToken` callback supplies the token (no extra await per call for a fixed token).
   */
  apply(headers: Record<string, string>): AuthStamp | Promise<AuthStamp> {
    if (this.#stamp.generation !== this.#generation) this.#stamp = { generation: this.#generation };
    const stamp = this.#stamp;
    const { getToken } = this.#options;
    if (getToken) {
      return (async () => {
        this.#stampHeaders(headers, await getToken());
        return stamp;
      })();
    }
    this.#stampHeaders(headers, this.#refreshed ?? this.#options.token);
    return stamp;
  }

  #stampHeaders(headers: Record<string, string>, token: string | undefined): void {
    if (!token) return;
    if (token !== this.#lastToken) {
      this.#remember(token);
      this.#lastToken = token;
      this.#bearer = `Bearer ${token}`;
      this.#cookie = `auth.access_token=${token}`;
    }
    const scheme = this.#options.scheme ?? 'bearer';
    if (scheme !== 'cookie') headers.authorization = this.#bearer;
    if (scheme !== 'bearer') headers.cookie = this.#cookie;
  }

  /** Every token this client has sent recently (and its fixed one): to mask in server text. */
  secrets(): readonly string[] {
    const fixed = [this.#options.token, ...(this.#options.otherSecrets ?? [])].filter(
      (secret): secret is string => !!secret,
    );
    return [...fixed, ...this.#sent];
  }

  #remember(token: string): void {
    if (this.#sent.includes(token)) return;
    this.#sent.push(token);
    if (this.#sent.length > 4) this.#sent.shift();
  }

  /**
   * After a 401: refreshes the token (or joins the refresh under way, or notices one finished since
   * the request was sent). Resolves true when the request should be retried with fresh credentials.
   */
  async afterUnauthorized(stamp: AuthStamp, operation: string): Promise<boolean> {
    const refresh = this.#options.refreshToken;
    if (!refresh) return false;
    if (stamp.generation !== this.#generation) return true;
    this.#refreshing ??= this.#runRefresh(refresh, operation).finally(() => {
      this.#refreshing = undefined;
    });
    await this.#refreshing;
    return true;
  }

  async #runRefresh(refresh: NonNullable<AuthOptions['refreshToken']>, operation: string): Promise<void> {
    let next: unknown;
    try {
      next = await refresh();
    } catch (error) {
      throw new ConnectAuthError(`${operation}: the access token expired and refreshing it failed`, {
        operation,
        status: 401,
        cause: error,
      });
    }
    if (typeof next === 'string' && next !== '') this.#refreshed = next;
    this.#generation += 1;
  }
}
