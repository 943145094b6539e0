/**
 * What the loopback server refuses before any handler sees the request (issue 10: these answered 500
 * and echoed the URL): a method outside the ones Connect's REST API uses (TRACE, CONNECT, TRACK, …
 * → 405), a request target that is not origin-form (`*`, `http://host/…` → 400) and a path with a
 * broken %-escape (→ 400). Bodies are Connect's error shape with fixed texts: nothing of the request
 * is echoed.
 */
import type { ConnectErrorBody } from './connect-error.js';

export const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface Refusal {
  status: number;
  body: ConnectErrorBody;
  headers?: Record<string, string>;
}

export const METHOD_NOT_ALLOWED: Refusal = {
  status: 405,
  body: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' },
  headers: { Allow: SERVED_METHODS.join(', ') },
};

export const INVALID_PATH_ENCODING_REASON = 'Invalid percent-encoding in the request path';

const badTarget = (reason: string): Refusal => ({
  status: 400,
  body: { code: 'BAD_REQUEST', message: 'Bad request', reason },
});

export function refuseRequest(method: string | undefined, target: string | undefined): Refusal | undefined {
  if (method === undefined || !SERVED_METHODS.includes(method)) return METHOD_NOT_ALLOWED;
  if (target === undefined || !target.startsWith('/')) return badTarget('Invalid request target');
  const path = target.split('?', 1)[0] ?? '';
  try {
    decodeURIComponent(path);
  } catch {
    return badTarget(INVALID_PATH_ENCODING_REASON);
  }
  return undefined;
}
