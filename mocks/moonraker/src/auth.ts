/**
 * Moonraker's authorization as a client meets it: open (no auth configured), an API key
 * (`X-Api-Key` header or `api_key` in identify), JWT users (`/access/login`, `/access/refresh_jwt`,
 * `Authorization: Bearer`), and oneshot tokens (`?token=` on any URL, valid 5 s, once).
 * Token lifetimes run on the simulator's clock, so tests can expire them with `advance`.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@printkit/printer-sim';
import { MoonrakerError, unauthorized } from './errors.js';
import { signJwt, verifyJwt } from './jwt.js';

export interface AuthOptions {
  apiKey?: string;
  users?: Array<{ username: string; password: string }>;
}

export interface Identity {
  readonly username: string;
}

const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_TOKEN_SECONDS = 90 * 86400;
const ONESHOT_MS = 5000;
const API_KEY_USER = '_API_KEY_USER_';
const OPEN_USER = '_TRUSTED_USER_';

/** Headers and query parameters a request or websocket upgrade may carry credentials in. */
export interface Credentials {
  apiKey?: string | undefined;
  bearer?: string | undefined;
  oneshot?: string | undefined;
  accessToken?: string | undefined;
}

export class Auth {
  readonly enabled: boolean;
  readonly #apiKey: string | undefined;
  readonly #users: Map<string, string>;
  readonly #clock: Clock;
  readonly #secret = randomBytes(32);
  readonly #oneshots = new Map<string, { username: string; expiresAt: number }>();

  constructor(options: AuthOptions | undefined, clock: Clock) {
    this.#apiKey = options?.apiKey;
    this.#users = new Map((options?.users ?? []).map((u) => [u.username, u.password]));
    this.enabled = this.#apiKey !== undefined || this.#users.size > 0;
    this.#clock = clock;
  }

  /** Who an HTTP request / websocket upgrade is; undefined when it carries no valid credentials. */
  identify(credentials: Credentials): Identity | undefined {
    if (!this.enabled) return { username: OPEN_USER };
    if (credentials.apiKey !== undefined && credentials.apiKey === this.#apiKey)
      return { username: API_KEY_USER };
    for (const token of [credentials.bearer, credentials.accessToken]) {
      if (token === undefined) continue;
      try {
        return this.validateAccessToken(token);
      } catch {
        // Moonraker falls through to the next credential kind, then answers 401.
      }
    }
    if (credentials.oneshot !== undefined) return this.#consumeOneshot(credentials.oneshot);
    return undefined;
  }

  /** `api_key` in `server.connection.identify`. */
  validateApiKey(key: string): Identity {
    if (!this.enabled) return { username: OPEN_USER };
    if (this.#apiKey === undefined || key !== this.#apiKey) throw unauthorized('Invalid API Key');
    return { username: API_KEY_USER };
  }

  validateAccessToken(token: string): Identity {
    return { username: this.#validateJwt(token, 'access') };
  }

  login(username: string, password: string, source: string): Record<string, unknown> {
    const expected = this.#users.get(username);
    if (expected === undefined) throw new MoonrakerError(`Unregistered User: ${username}`);
    if (password !== expected) throw new MoonrakerError('Invalid Password');
    return {
      username,
      token: this.#issue(username, 'access'),
      refresh_token: this.#issue(username, 'refresh'),
      action: 'user_logged_in',
      source,
    };
  }

  refresh(refreshToken: string): Record<string, unknown> {
    const username = this.#validateJwt(refreshToken, 'refresh');
    return {
      username,
      token: this.#issue(username, 'access'),
      source: 'moonraker',
      action: 'user_jwt_refresh',
    };
  }

  oneshot(identity: Identity): string {
    const token = randomBytes(16).toString('hex').toUpperCase();
    this.#oneshots.set(token, { username: identity.username, expiresAt: this.#clock.now() + ONESHOT_MS });
    return token;
  }

  #consumeOneshot(token: string): Identity | undefined {
    const entry = this.#oneshots.get(token);
    if (!entry) return undefined;
    this.#oneshots.delete(token);
    return this.#clock.now() <= entry.expiresAt ? { username: entry.username } : undefined;
  }

  #issue(username: string, tokenType: 'access' | 'refresh'): string {
    const iat = this.#clock.now() / 1000;
    const lifetime = tokenType === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS;
    return signJwt(
      { iss: 'Moonraker', aud: 'Moonraker', iat, exp: iat + lifetime, username, token_type: tokenType },
      this.#secret,
    );
  }

  #validateJwt(token: string, tokenType: 'access' | 'refresh'): string {
    const claims = verifyJwt(token, this.#secret);
    if (!claims) throw unauthorized('Invalid JWT format');
    if (claims.token_type !== tokenType) throw unauthorized('Invalid JWT Token Type');
    if (claims.exp * 1000 < this.#clock.now()) throw unauthorized('JWT Expired');
    if (!this.#users.has(claims.username)) throw unauthorized('Invalid JWT, no registered user');
    return claims.username;
  }
}
