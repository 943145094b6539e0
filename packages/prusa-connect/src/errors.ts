/**
 * Turns a Connect error reply into a printkit error.
 *
 * Connect answers errors with `{"code", "message", "reason"?}`. The code is kept on every error:
 * - 401 (or code `UNAUTHORIZED`) → `ConnectAuthError` (an `AuthError`).
 * - any other status with a well-formed body → `ConnectRejectedError` (a `PrinterRejectedError`) with
 *   `printerCode` = Connect's code (`NOT_FOUND_PRINTER`, `CONFLICT_COMMAND`, `BAD_REQUEST`, ...),
 *   `status` = the HTTP status and `reason` = Connect's reason. 429 and 5xx are marked retryable.
 * - a body that is not a Connect error (HTML from a proxy, truncated JSON) → `ProtocolError`, still
 *   retryable for 429/5xx since the status alone says "try later".
 * Messages name the request by its path template, never by URL or header, so no credential leaks.
 */
import {
  AuthError,
  PrinterRejectedError,
  type PrintkitErrorOptions,
  ProtocolError,
} from '@printkit/core-types';
import { type ConnectErrorBody, ConnectErrorBodySchema } from './schemas/error-body.js';

/** Whether a status means "the server is busy or failing; the same request may work later". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** An `AuthError` that keeps Connect's code and reason. */
export class ConnectAuthError extends AuthError {
  /** Connect's code, usually `UNAUTHORIZED`; undefined when the body was empty or unreadable. */
  readonly connectCode: string | undefined;
  readonly reason: string | undefined;
  constructor(
    message: string,
    options: PrintkitErrorOptions & { status?: number; connectCode?: string; reason?: string } = {},
  ) {
    super(message, options);
    this.connectCode = options.connectCode;
    this.reason = options.reason;
  }
}

/** A `PrinterRejectedError` that keeps Connect's `reason` (e.g. "Invalid path parameter: printer_uuid"). */
export class ConnectRejectedError extends PrinterRejectedError {
  readonly reason: string | undefined;
  constructor(
    message: string,
    options: PrintkitErrorOptions & {
      printerCode?: string;
      printerMessage?: string;
      status?: number;
      reason?: string;
    } = {},
  ) {
    super(message, options);
    this.reason = options.reason;
  }
}

function parseErrorBody(text: string): ConnectErrorBody | undefined {
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ConnectErrorBodySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The printkit error for a non-2xx reply. `operation` names the request (`GET /app/printers/{uuid}`),
 * `text` is the reply body.
 */
export function errorFromReply(status: number, text: string, operation: string): Error {
  const body = parseErrorBody(text);
  const retryable = isRetryableStatus(status);
  const detail = body
    ? `${body.code}${body.message ? `: ${body.message}` : ''}${body.reason ? ` (${body.reason})` : ''}`
    : `HTTP ${status}`;
  if (status === 401 || body?.code === 'UNAUTHORIZED') {
    return new ConnectAuthError(`${operation} was refused: ${detail}. Check or refresh the access token.`, {
      operation,
      status,
      ...(body ? { connectCode: body.code } : {}),
      ...(body?.reason ? { reason: body.reason } : {}),
    });
  }
  if (!body && text.trim() !== '') {
    return new ProtocolError(
      `${operation} failed with HTTP ${status} and a body that is not a Connect error`,
      {
        operation,
        payload: text,
        retryable,
      },
    );
  }
  return new ConnectRejectedError(`${operation} was rejected: ${detail}`, {
    operation,
    status,
    retryable,
    printerCode: body?.code ?? `HTTP_${status}`,
    ...(body?.message ? { printerMessage: body.message } : {}),
    ...(body?.reason ? { reason: body.reason } : {}),
  });
}
