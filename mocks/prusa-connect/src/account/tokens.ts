/**
 * The account side's tokens: the access/refresh/id token set Prusa Account's token endpoint answers
 * (`POST /o/token/`, dcode/python-prusa-connect-sdk-client's OpenAPI description: `access_token`,
 * `expires_in`, `token_type`, `scope`, `refresh_token`, `shared_session_key`, `id_token`), with the
 * claims its models decode (access: `jti, sub, exp, sid, app, type, connect_id`; refresh: `type:
 * "refresh"`; id: `aud, iss, user`).
 *
 * Refresh tokens rotate: a refresh answers a new refresh token and the one used is spent; a spent,
 * expired or unknown one gets `400 {"error":"invalid_grant"}` (protocol notes). So two concurrent
 * refreshes with one token: the first wins, the second is refused — why clients need single-flight.
 * Time is the wall clock by default (clients compare `exp` with their own clock).
 */
import { randomBytes } from 'node:crypto';
import { MOCK_USER } from '../mock-user.js';
import { AuthorizationCodes, CODE_LIFETIME_MS, CONNECT_REDIRECT_URI } from './codes.js';
import { signJwt, verifyJwt } from './jwt.js';

/** Connect's OAuth client id, as both public clients send it (ha-prusa-connect `const.py`, the SDK's `consts.py`). */
export const CONNECT_CLIENT_ID = 'MRHTlZhZqkNrrQ6FUPtjyusAz8nc59ErHXP8XkS4';
/**
 * Access token lifetime: 7200 s — the SDK's OpenAPI `expires_in` and ha-prusa-connect's observed
 * "two-hour intervals". The SDK's docs say "usually 1 hour"; the option takes 3600 for that.
 */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 7200;
/** Refresh token lifetime: "approximately 30 days" (the SDK's OpenAPI description, the protocol notes). */
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;
/** Spent and live refresh tokens remembered at most; the oldest are forgotten (and then refused). */
export const MAX_REMEMBERED_REFRESH_TOKENS = 1000;
/** The account's numeric id (`sub`): the seed's decoded JWT. */
const ACCOUNT_ID = 1_530_681;
const SCOPE = 'basic_info user_operations email_lists openid connect';

export interface AccountOptions {
  /** The account origin the token endpoint is served on; default 'https://account.prusa3d.com'. */
  baseUrl?: string;
  /** Accepted OAuth client ids; default [CONNECT_CLIENT_ID]. */
  clientIds?: readonly string[];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Wall-clock milliseconds; default Date.now. Tests move it to expire tokens. */
  now?: () => number;
}

export interface TokenSet {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token: string;
  shared_session_key: string;
  id_token: string;
}

export type RefreshResult =
  | { ok: true; tokens: TokenSet }
  | { ok: false; status: number; error: string; description: string };

export type AccessCheck = 'valid' | 'expired' | 'invalid';

interface RefreshRecord {
  sessionId: string;
  expiresAtMs: number;
  spent: boolean;
}

export class AccountTokens {
  readonly baseUrl: string;
  readonly clientIds: readonly string[];
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly now: () => number;
  #secret = randomBytes(32);
  readonly #refreshTokens = new Map<string, RefreshRecord>();
  readonly #codes = new AuthorizationCodes();

  constructor(options: AccountOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'https://account.prusa3d.com').replace(/\/+$/, '');
    this.clientIds = options.clientIds ?? [CONNECT_CLIENT_ID];
    this.accessTokenTtlSeconds = positiveSeconds(
      options.accessTokenTtlSeconds,
      DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    );
    this.refreshTokenTtlSeconds = positiveSeconds(
      options.refreshTokenTtlSeconds,
      DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    );
    this.now = options.now ?? Date.now;
  }

  /** Forgets every token issued so far (a new signing secret): they are all refused from now on. */
  reset(): void {
    this.#secret = randomBytes(32);
    this.#refreshTokens.clear();
    this.#codes.clear();
  }

  /**
   * A one-time authorization code for this S256 code challenge, as Prusa Account hands out after a
   * login (the mock has no login pages). Exchange it with `grant_type=authorization_code`.
   */
  issueAuthorizationCode(
    codeChallenge: string,
    options: { clientId?: string; redirectUri?: string } = {},
  ): string {
    return this.#codes.issue({
      challenge: codeChallenge,
      clientId: options.clientId ?? this.clientIds[0] ?? CONNECT_CLIENT_ID,
      redirectUri: options.redirectUri ?? CONNECT_REDIRECT_URI,
      expiresAtMs: this.now() + CODE_LIFETIME_MS,
    });
  }

  /** `grant_type=authorization_code`: a fresh token set (a new session) for a good code and verifier. */
  exchange(code: string, verifier: string, clientId: string, redirectUri: string): RefreshResult {
    if (!this.clientIds.includes(clientId)) {
      return { ok: false, status: 401, error: 'invalid_client', description: 'Invalid client_id.' };
    }
    const check = this.#codes.redeem(code, verifier, clientId, redirectUri, this.now());
    if (!check.ok) return { ok: false, status: 400, error: 'invalid_grant', description: check.description };
    return { ok: true, tokens: this.issue() };
  }

  /** A fresh token set, as after a login: hand it to a client to start its refresh cycle. */
  issue(): TokenSet {
    return this.#issue(randomUuid());
  }

  /** `grant_type=refresh_token`: a new set for a live, unspent refresh token (which is then spent). */
  refresh(refreshToken: string, clientId: string): RefreshResult {
    if (!this.clientIds.includes(clientId)) {
      return { ok: false, status: 401, error: 'invalid_client', description: 'Invalid client_id.' };
    }
    const claims = verifyJwt(refreshToken, this.#secret);
    const jti = typeof claims?.jti === 'string' ? claims.jti : undefined;
    const record = jti === undefined ? undefined : this.#refreshTokens.get(jti);
    if (!record || claims?.type !== 'refresh' || record.spent || record.expiresAtMs <= this.now()) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'Invalid refresh token.' };
    }
    record.spent = true;
    return { ok: true, tokens: this.#issue(record.sessionId) };
  }

  /** Whether an Authorization bearer value is an access token this account issued and still valid. */
  checkAccess(token: string): AccessCheck {
    const claims = verifyJwt(token, this.#secret);
    if (claims?.type !== 'access' || typeof claims.exp !== 'number') return 'invalid';
    return claims.exp * 1000 > this.now() ? 'valid' : 'expired';
  }

  #issue(sessionId: string): TokenSet {
    const nowSeconds = Math.floor(this.now() / 1000);
    const common = { sub: String(ACCOUNT_ID), sid: sessionId, app: 'connect', iat: nowSeconds };
    const accessExp = nowSeconds + this.accessTokenTtlSeconds;
    const refreshJti = randomHex();
    const access = signJwt(
      { ...common, jti: randomHex(), exp: accessExp, type: 'access', connect_id: String(MOCK_USER.id) },
      this.#secret,
    );
    const refresh = signJwt(
      { ...common, jti: refreshJti, exp: nowSeconds + this.refreshTokenTtlSeconds, type: 'refresh' },
      this.#secret,
    );
    const id = signJwt(
      {
        jti: randomHex(),
        sub: String(ACCOUNT_ID),
        exp: accessExp,
        aud: this.clientIds[0] ?? CONNECT_CLIENT_ID,
        iss: this.baseUrl,
        user: {
          id: ACCOUNT_ID,
          email: 'printkit@example.com',
          first_name: MOCK_USER.first_name,
          last_name: MOCK_USER.last_name,
        },
      },
      this.#secret,
    );
    this.#remember(refreshJti, {
      sessionId,
      expiresAtMs: (nowSeconds + this.refreshTokenTtlSeconds) * 1000,
      spent: false,
    });
    return {
      access_token: access,
      expires_in: this.accessTokenTtlSeconds,
      token_type: 'Bearer',
      scope: SCOPE,
      refresh_token: refresh,
      shared_session_key: sessionId,
      id_token: id,
    };
  }

  #remember(jti: string, record: RefreshRecord): void {
    this.#refreshTokens.set(jti, record);
    while (this.#refreshTokens.size > MAX_REMEMBERED_REFRESH_TOKENS) {
      const oldest = this.#refreshTokens.keys().next().value;
      if (oldest === undefined) break;
      this.#refreshTokens.delete(oldest);
    }
  }
}

function positiveSeconds(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`Token lifetimes are whole seconds >= 1, got ${value}`);
  return value;
}

function randomHex(): string {
  return randomBytes(16).toString('hex');
}

function randomUuid(): string {
  const hex = randomHex();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
