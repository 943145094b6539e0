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

/** The response a fault replaces the real one with, or undefined to answer normally (after any delay). */
export async function actOutFault(fault: Fault | undefined): Promise<Response | undefined> {
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, fault.delayMs ?? 0)));
      return undefined;
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
