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
  /**
   * Whether an API key that does not match (a blank one included) is refused even where the client
   * would otherwise be trusted. Moonraker v0.10.0 (authorization.py `authenticate_request`, the
   * newest release in its repository) lets a wrong key fall through to the trusted-client check, so
   * the default is `false`; issue reports describe later Moonraker versions revoking trust after a
   * failed attempt (clients that send a blank key then break): set `true` to test a client against
   * that behaviour. The sources disagree, so it is an option.
   */
  failedApiKeyRevokesTrust?: boolean;
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

interface User {
  password: string;
  created_on: number;
  /** Moonraker drops a user's JWT key on logout: tokens issued before stop working. */
  loggedIn: boolean;
}

const RESERVED_USERS = [API_KEY_USER, OPEN_USER];

export class Auth {
  readonly enabled: boolean;
  readonly #failedApiKeyRevokesTrust: boolean;
  #apiKey: string;
  readonly #users: Map<string, User>;
  #notify: (method: string, payload: Record<string, unknown>) => void = () => {};
  readonly #clock: Clock;
  readonly #secret = randomBytes(32);
  readonly #oneshots = new Map<string, { username: string; expiresAt: number }>();

  constructor(options: AuthOptions | undefined, clock: Clock) {
    // Moonraker always has an API key; without `apiKey` the fake makes one (and stays open).
    this.#apiKey = options?.apiKey ?? randomBytes(16).toString('hex');
    this.#users = new Map(
      (options?.users ?? []).map((u) => [
        u.username,
        { password: u.password, created_on: clock.now() / 1000, loggedIn: false },
      ]),
    );
    this.enabled = options?.apiKey !== undefined || this.#users.size > 0;
    this.#failedApiKeyRevokesTrust = options?.failedApiKeyRevokesTrust ?? false;
    this.#clock = clock;
  }

  /** Where user_created / user_deleted / user_logged_out notifications go. */
  onNotify(notify: (method: string, payload: Record<string, unknown>) => void): void {
    this.#notify = notify;
  }

  apiKey(): string {
    return this.#apiKey;
  }

  /** `POST /access/api_key`: a new key (uuid4 hex); the old one stops working. */
  rotateApiKey(): string {
    this.#apiKey = randomBytes(16).toString('hex');
    return this.#apiKey;
  }

  /** `GET /access/user`. */
  currentUser(identity: Identity | undefined): Record<string, unknown> {
    if (!identity) return { username: null, source: null, created_on: null };
    const user = this.#users.get(identity.username);
    return {
      username: identity.username,
      source: 'moonraker',
      created_on: user?.created_on ?? this.#clock.now() / 1000,
    };
  }

  listUsers(): { users: Array<Record<string, unknown>> } {
    return {
      users: [...this.#users].map(([username, user]) => ({
        username,
        source: 'moonraker',
        created_on: user.created_on,
      })),
    };
  }

  createUser(username: string, password: string, source: string): Record<string, unknown> {
    checkSource(source);
    if (RESERVED_USERS.includes(username)) throw new MoonrakerError(`Invalid Request for user ${username}`);
    if (this.#users.has(username)) throw new MoonrakerError(`User ${username} already exists`);
    this.#users.set(username, { password, created_on: this.#clock.now() / 1000, loggedIn: false });
    const result = this.login(username, password, source);
    this.#notify('notify_user_created', { username });
    return { ...result, action: 'user_created' };
  }

  deleteUser(identity: Identity | undefined, username: string): Record<string, unknown> {
    if (identity && identity.username === username)
      throw new MoonrakerError(`Cannot delete logged in user ${username}`);
    if (RESERVED_USERS.includes(username))
      throw new MoonrakerError(`Invalid Request for reserved user ${username}`);
    if (!this.#users.delete(username)) throw new MoonrakerError(`No registered user: ${username}`);
    this.#notify('notify_user_deleted', { username });
    return { username, action: 'user_deleted' };
  }

  resetPassword(
    identity: Identity | undefined,
    password: string,
    newPassword: string,
  ): Record<string, unknown> {
    if (!identity) throw new MoonrakerError('No Current User');
    const user = this.#users.get(identity.username);
    if (RESERVED_USERS.includes(identity.username) || !user)
      throw new MoonrakerError(`Invalid Reset Request for user ${identity.username}`);
    if (password !== user.password) throw new MoonrakerError('Invalid Password');
    user.password = newPassword;
    return { username: identity.username, action: 'user_password_reset' };
  }

  logout(identity: Identity | undefined): Record<string, unknown> {
    if (!identity) throw new MoonrakerError('No user logged in');
    const user = this.#users.get(identity.username);
    if (RESERVED_USERS.includes(identity.username) || !user)
      throw new MoonrakerError(`Invalid log out request for user ${identity.username}`);
    user.loggedIn = false;
    this.#notify('notify_user_logged_out', { username: identity.username });
    return { username: identity.username, action: 'user_logged_out' };
  }

  /** `GET /access/info`: `trusted` is true for the open fake (every client is trusted there). */
  info(): Record<string, unknown> {
    return {
      default_source: 'moonraker',
      available_sources: ['moonraker'],
      login_required: false,
      trusted: !this.enabled,
    };
  }

  /**
   * A request that carries a JWT which does not validate is refused even from a trusted client:
   * authorization.py (v0.10.0 L760-784) checks the token first and raises 401 "JWT Decode Error"
   * before looking at trusted addresses. (A wrong API key falls through to the trusted check.)
   */
  jwtRejected(credentials: Credentials): boolean {
    const token = credentials.bearer ?? credentials.accessToken;
    if (token === undefined || token === '') return false;
    try {
      this.validateAccessToken(token);
      return false;
    } catch {
      return true;
    }
  }

  /** Who an HTTP request / websocket upgrade is; undefined when it carries no valid credentials. */
  identify(credentials: Credentials): Identity | undefined {
    if (this.jwtRejected(credentials)) return undefined;
    if (this.#apiKeyRevokesTrust(credentials.apiKey)) return undefined;
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
    if (this.#apiKeyRevokesTrust(key)) throw unauthorized('Invalid API Key');
    if (!this.enabled) return { username: OPEN_USER };
    if (key !== this.#apiKey) throw unauthorized('Invalid API Key');
    return { username: API_KEY_USER };
  }

  /** With `failedApiKeyRevokesTrust`: a key was sent and it is not the key. */
  #apiKeyRevokesTrust(key: string | undefined): boolean {
    return this.#failedApiKeyRevokesTrust && key !== undefined && key !== this.#apiKey;
  }

  validateAccessToken(token: string): Identity {
    return { username: this.#validateJwt(token, 'access') };
  }

  /** authorization.py `_login_jwt_user` (L503-585): same checks, same answer. */
  login(username: string, password: string, source: string): Record<string, unknown> {
    checkSource(source);
    if (RESERVED_USERS.includes(username)) throw new MoonrakerError(`Invalid Request for user ${username}`);
    const user = this.#users.get(username);
    if (user === undefined) throw new MoonrakerError(`Unregistered User: ${username}`);
    if (password !== user.password) throw new MoonrakerError('Invalid Password');
    user.loggedIn = true;
    return {
      username,
      token: this.#issue(username, 'access'),
      source: 'moonraker',
      refresh_token: this.#issue(username, 'refresh'),
      action: 'user_logged_in',
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
    const user = this.#users.get(claims.username);
    if (!user) throw unauthorized('Unknown user');
    // A logged-out user's key is gone (authorization.py L663-666).
    if (!user.loggedIn) throw unauthorized('Invalid key ID');
    return claims.username;
  }
}

function checkSource(source: string): void {
  if (source.toLowerCase() !== 'moonraker')
    throw new MoonrakerError(`Invalid 'source': ${source.toLowerCase()}`);
}
