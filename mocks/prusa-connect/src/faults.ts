/**
 * Acting out a FaultPlan rule on HTTP (the kinds agreed in mock-apis.md):
 * - `delay`: waits `delayMs` real milliseconds, then answers normally;
 * - `error-reply`: `status` (default 503) with a Connect error body; 429 (or any status) with
 *   `retryAfterSeconds` also sends `Retry-After`;
 * - `malformed`: 200 with a truncated JSON body;
 * - `drop` / `disconnect`: a network error — the loopback server destroys the socket without an
 *   answer, msw in-process makes `fetch` reject;
 * - `auth-failure`: 401 with Connect's UNAUTHORIZED body, whatever the token.
 */
import type { Fault } from '@printkit/printer-sim';
import { HttpResponse } from 'msw';
import { connectError, unauthorized } from './connect-error.js';

export { type Fault, type FaultKind, FaultPlan, type FaultRule } from '@printkit/printer-sim';

/** A truncated `{"printers": [...` — valid JSON up to where it stops. */
export const MALFORMED_JSON_BODY = '{"printers": [{"uuid": "11111111-2222-33';

const DEFAULT_ERROR_CODES: Record<number, string> = {
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/**
 * The response a fault replaces the real one with, or undefined to answer normally (after any delay).
 * `stopped` ends a delay early (as a network error): a stopped mock leaves no timer behind.
 */
export async function actOutFault(
  fault: Fault | undefined,
  stopped: AbortSignal,
): Promise<Response | undefined> {
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'delay':
      return (await delay(Math.max(0, fault.delayMs ?? 0), stopped)) ? undefined : HttpResponse.error();
    case 'error-reply': {
      const status = fault.status ?? 503;
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return connectError(
        status,
        {
          code: String(fault.code ?? DEFAULT_ERROR_CODES[status] ?? 'SERVER_ERROR'),
          message: fault.message ?? 'Injected fault',
        },
        headers,
      );
    }
    case 'malformed':
      return new Response(MALFORMED_JSON_BODY, {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    case 'drop':
    case 'disconnect':
      return HttpResponse.error();
    case 'auth-failure':
      return unauthorized();
  }
}

/** Resolves true after `ms`, or false as soon as `stopped` aborts. */
function delay(ms: number, stopped: AbortSignal): Promise<boolean> {
  if (stopped.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onStop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      stopped.removeEventListener('abort', onStop);
      resolve(true);
    }, ms);
    stopped.addEventListener('abort', onStop, { once: true });
  });
}
