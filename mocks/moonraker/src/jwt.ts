/** HS256 JSON Web Tokens, enough for Moonraker's `/access/login` and `/access/refresh_jwt`. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface JwtClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  username: string;
  token_type: 'access' | 'refresh';
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(claims: JwtClaims, secret: Buffer): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The claims of a well-formed, correctly signed token; undefined otherwise (expiry is the caller's). */
export function verifyJwt(token: string, secret: Buffer): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<JwtClaims>;
    if (typeof claims.username !== 'string' || typeof claims.exp !== 'number') return undefined;
    if (claims.token_type !== 'access' && claims.token_type !== 'refresh') return undefined;
    return claims as JwtClaims;
  } catch {
    return undefined;
  }
}
