/**
 * Moonraker's error answers turned into printkit's typed errors, the same way for both transports.
 *
 * Moonraker maps its HTTP-style errors into JSON-RPC codes (404 → -32601, 401 → -32602) and passes
 * the others through as HTTP codes (400, 503, 500). Over HTTP the status and the envelope's `code`
 * are the HTTP status. Either way the caller keeps Moonraker's own code and message.
 */
import { AuthError, PrinterRejectedError, type PrintkitError, truncateMessage } from '@printkit/core-types';

export interface MoonrakerErrorBody {
  code: number;
  message: string;
}

/** Messages that mean "who are you?" rather than "bad arguments" (both arrive as -32602 / 401). */
const AUTH_MESSAGES = /unauthorized|api key|jwt|token|forbidden/i;

/** Moonraker answers 503 while Klippy is not connected; asking again later can succeed. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([503, 504]);

export function isAuthFailure(code: number, message: string, httpStatus?: number): boolean {
  if (httpStatus === 401 || httpStatus === 403 || code === 401 || code === 403) return true;
  return code === -32602 && AUTH_MESSAGES.test(message);
}

/**
 * The typed error for one Moonraker error answer. `httpStatus` is set when the answer came over HTTP.
 * Auth failures become `AuthError` (never echoing credentials); everything else becomes a
 * `PrinterRejectedError` carrying `printerCode` / `printerMessage`.
 */
export function moonrakerError(
  body: MoonrakerErrorBody,
  operation: string,
  httpStatus?: number,
  redact: (text: string) => string = (text) => text,
): PrintkitError {
  const { code } = body;
  // Server text may echo what was sent (a key, a token): masked before it reaches a message.
  const message = redact(body.message);
  if (isAuthFailure(code, message, httpStatus)) {
    return new AuthError(`${operation}: Moonraker refused the credentials (${code} ${message})`, {
      operation,
      ...(httpStatus === undefined ? {} : { status: httpStatus }),
    });
  }
  return new PrinterRejectedError(`${operation}: ${message} (${code})`, {
    operation,
    printerCode: code,
    printerMessage: truncateMessage(message),
    retryable: RETRYABLE_CODES.has(code),
    ...(httpStatus === undefined ? {} : { status: httpStatus }),
  });
}
