/**
 * Connect accepts the access token as `Authorization: Bearer <jwt>` or in the browser's
 * `auth.access_token` cookie (seed notes, "Authentication"). Either one being right is enough.
 */
const COOKIE_NAME = 'auth.access_token';

export function isAuthorized(request: Request, token: string): boolean {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (match?.[1] === token) return true;
  }
  return cookieValue(request.headers.get('cookie'), COOKIE_NAME) === token;
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
