/**
 * Compact JWTs (RFC 7519) signed with HS256 by a secret the mock makes at start. Prusa Account signs
 * RS256 (dcode/python-prusa-connect-sdk-client's OpenAPI description); clients only decode the payload
 * (the SDK reads `exp`, the Home Assistant integration the id token's `user`), so the algorithm does
 * not matter to them, and a mock-only secret keeps verification local.
 *
 * Claims must stay plain ASCII without `>`, `?` or `~`: then the base64url payload has no `-` or `_`,
 * and a client that decodes it with standard base64 (the Python SDK's `_decode_jwt` does) reads it
 * right, as it does Prusa's real tokens.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, string | number | boolean | Record<string, unknown>>;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function signature(secret: Uint8Array, signingInput: string): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

export function signJwt(claims: JwtClaims, secret: Uint8Array): string {
  const input = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${signature(secret, input)}`;
}

/** The claims of a token this secret signed, or undefined for anything else (never throws). */
export function verifyJwt(token: string, secret: Uint8Array): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 8192) return undefined;
  const [header, payload, given] = parts as [string, string, string];
  if (header !== HEADER) return undefined;
  const expected = Buffer.from(signature(secret, `${header}.${payload}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
