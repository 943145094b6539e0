/**
 * Authorization codes for `grant_type=authorization_code` with PKCE (RFC 7636, S256): the last step of
 * the login both public clients run (ha-prusa-connect `auth.py` `_exchange_code`, the Python SDK's
 * OpenAPI "Exchange Authorization Code for Tokens": `grant_type, client_id, code, code_verifier,
 * redirect_uri`). The mock has no login pages: a test mints a code for a code challenge with
 * `mock.account.issueAuthorizationCode(challenge)`, as if the user had just logged in. A code is good
 * once, for CODE_LIFETIME_MS, for the client and redirect URI it was issued to.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Django OAuth Toolkit's default code lifetime (Prusa Account is a Django site; the value is the mock's choice). */
export const CODE_LIFETIME_MS = 60_000;
/** Both clients' redirect URI (`AUTH_REDIRECT_URI` / `REDIRECT_URI`, the OpenAPI's only allowed value). */
export const CONNECT_REDIRECT_URI = 'https://connect.prusa3d.com/login/auth-callback';
/** Codes waiting to be exchanged at most; the oldest are forgotten. */
export const MAX_PENDING_CODES = 100;

interface PendingCode {
  challenge: string;
  clientId: string;
  redirectUri: string;
  expiresAtMs: number;
}

export type CodeCheck = { ok: true } | { ok: false; description: string };

export class AuthorizationCodes {
  readonly #codes = new Map<string, PendingCode>();

  issue(entry: PendingCode): string {
    const code = randomBytes(22).toString('base64url').slice(0, 30);
    this.#codes.set(code, entry);
    while (this.#codes.size > MAX_PENDING_CODES) {
      const oldest = this.#codes.keys().next().value;
      if (oldest === undefined) break;
      this.#codes.delete(oldest);
    }
    return code;
  }

  /** Spends the code (whatever the outcome: a code is tried once) and checks it. */
  redeem(code: string, verifier: string, clientId: string, redirectUri: string, nowMs: number): CodeCheck {
    const entry = this.#codes.get(code);
    this.#codes.delete(code);
    if (!entry) return { ok: false, description: 'Invalid code.' };
    if (entry.expiresAtMs <= nowMs) return { ok: false, description: 'Code has expired.' };
    if (entry.clientId !== clientId) return { ok: false, description: 'Code was issued to another client.' };
    if (entry.redirectUri !== redirectUri) return { ok: false, description: 'Mismatching redirect URI.' };
    if (s256(verifier) !== entry.challenge)
      return { ok: false, description: 'Code verifier does not match.' };
    return { ok: true };
  }

  clear(): void {
    this.#codes.clear();
  }
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)), no padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
