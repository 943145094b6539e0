/**
 * CORS for the loopback server, off unless asked for (`cors: true` or `cors: { origins: [...] }`):
 * a browser app on another origin can then call the mock. Real Connect's own web app is same-origin,
 * so no source shows Connect's CORS headers; these are the standard ones (Fetch standard, "CORS
 * protocol"), with credentials allowed since Connect's browser auth is a cookie.
 * - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) from an allowed origin
 *   → 204 with the allowed methods, the requested headers echoed, a 10-minute max age; from any
 *   other origin → 403 with Connect's error body.
 * - Any other answer to an allowed origin carries `Access-Control-Allow-Origin: <origin>`,
 *   credentials, and exposes the validators and `Retry-After`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type CorsOption = boolean | { readonly origins: readonly string[] };

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const DEFAULT_HEADERS =
  'Authorization, Content-Type, Upload-Size, If-None-Match, If-Modified-Since, Token, Fingerprint';
const EXPOSED = 'ETag, Last-Modified, Retry-After, Content-Length';
/** Request-header lists longer than this are not echoed (a preflight answer stays small). */
const MAX_ECHOED_HEADERS = 1024;

export function allowedOrigin(cors: CorsOption, req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (!cors || typeof origin !== 'string' || origin.length === 0 || origin.length > 512) return undefined;
  if (cors === true) return origin;
  return cors.origins.includes(origin) ? origin : undefined;
}

export function isPreflight(cors: CorsOption, req: IncomingMessage): boolean {
  return (
    cors !== false &&
    req.method === 'OPTIONS' &&
    typeof req.headers.origin === 'string' &&
    typeof req.headers['access-control-request-method'] === 'string'
  );
}

/** Answers a preflight: 204 with the CORS headers, or 403 for an origin not allowed. */
export function answerPreflight(cors: CorsOption, req: IncomingMessage, res: ServerResponse): void {
  const origin = allowedOrigin(cors, req);
  if (origin === undefined) {
    const body = JSON.stringify({ code: 'FORBIDDEN', message: 'Origin not allowed' });
    res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const requested = req.headers['access-control-request-headers'];
  const headers =
    typeof requested === 'string' && requested.length > 0 && requested.length <= MAX_ECHOED_HEADERS
      ? requested
      : DEFAULT_HEADERS;
  res.writeHead(204, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': METHODS,
    'Access-Control-Allow-Headers': headers,
    'Access-Control-Max-Age': '600',
    Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  });
  res.end();
}

/** Adds the CORS headers of a normal answer (before its headers are sent). */
export function addCorsHeaders(cors: CorsOption, req: IncomingMessage, res: ServerResponse): void {
  const origin = allowedOrigin(cors, req);
  if (origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  res.setHeader('Vary', 'Origin');
}
