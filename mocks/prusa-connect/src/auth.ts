/**
 * Connect accepts the access token as `Authorization: Bearer <jwt>` or in the browser's
 * `auth.access_token` cookie (seed notes, "Authentication"). Either one being right is enough.
 * Right means: the mock's fixed token (`options.token`, never expires), or an access token its
 * account side issued that has not expired. An expired one is refused like any wrong token.
 */
import type { AccountTokens } from './account/tokens.js';

const COOKIE_NAME = 'auth.access_token';

export function isAuthorized(request: Request, token: string, account: AccountTokens): boolean {
  const accepts = (value: string | undefined) =>
    value !== undefined && (value === token || account.checkAccess(value) === 'valid');
  const header = request.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (accepts(match?.[1])) return true;
  }
  return accepts(cookieValue(request.headers.get('cookie'), COOKIE_NAME));
}

function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (cookieHeader === null) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}
