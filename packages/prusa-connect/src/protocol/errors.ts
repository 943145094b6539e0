/**
 * Connect's error replies as printkit errors, and the vendor error classes.
 *
 * Connect answers errors with `{"code", "message", "reason"?}`. The code is kept on every error:
 * - 401 (or code `UNAUTHORIZED`) → `ConnectAuthError` (an `AuthError`).
 * - any other status with a well-formed body → `ConnectRejectedError` (a `PrinterRejectedError`) with
 *   `printerCode` = Connect's code (`NOT_FOUND_PRINTER`, `CONFLICT_COMMAND`, `BAD_REQUEST`, ...),
 *   `status` = the HTTP status and `reason` = Connect's reason. 429 and 5xx are marked retryable.
 * - a body that is not a Connect error (HTML from a proxy, truncated JSON) → `ProtocolError`, still
 *   retryable for 429/5xx since the status alone says "try later".
 * Messages name the request by its path template, never by URL or header, so no credential leaks;
 * server text in them is cut by the base error (core-types `truncateMessage`).
 *
 * Each class has its own `Symbol.for` marker, so `ConnectRejectedError.isInstance(e)` is true only for
 * a `ConnectRejectedError` (from any copy of this package), not for every `PrinterRejectedError`.
 */
import {
  AuthError,
  hasErrorMarker,
  InvalidArgumentError,
  PrinterRejectedError,
  type PrintkitErrorOptions,
  ProtocolError,
  truncateMessage,
} from '@printkit/core-types';
import { decodeErrorBody } from './decode.js';

/** Whether a status means "the server is busy or failing; the same request may work later". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const CONNECT_AUTH_ERROR = Symbol.for('printkit.error.ConnectAuthError');

/** An `AuthError` that keeps Connect's code and reason. */
export class ConnectAuthError extends AuthError {
  override readonly name: string = 'ConnectAuthError';
  readonly [CONNECT_AUTH_ERROR] = true;
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
  static override isInstance(error: unknown): error is ConnectAuthError {
    return hasErrorMarker(error, CONNECT_AUTH_ERROR);
  }
}

const CONNECT_REJECTED_ERROR = Symbol.for('printkit.error.ConnectRejectedError');

/** A `PrinterRejectedError` that keeps Connect's `reason` (e.g. "Invalid path parameter: printer_uuid"). */
export class ConnectRejectedError extends PrinterRejectedError {
  override readonly name: string = 'ConnectRejectedError';
  readonly [CONNECT_REJECTED_ERROR] = true;
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
  static override isInstance(error: unknown): error is ConnectRejectedError {
    return hasErrorMarker(error, CONNECT_REJECTED_ERROR);
  }
}

const COMMAND_VALIDATION_ERROR = Symbol.for('printkit.error.CommandValidationError');

/** A command refused locally, before sending, because it does not fit the printer's supported-commands. */
export class CommandValidationError extends InvalidArgumentError {
  override readonly name: string = 'CommandValidationError';
  readonly [COMMAND_VALIDATION_ERROR] = true;
  /** Every problem found, e.g. `nozzle_temperature: 400 is above the maximum 290`. */
  readonly problems: readonly string[];
  readonly command: string;
  constructor(command: string, problems: readonly string[]) {
    super(`${command} was not sent: ${problems.join('; ')}`, {
      argument: 'kwargs',
      operation: `command ${command}`,
    });
    this.problems = problems;
    this.command = command;
  }
  static override isInstance(error: unknown): error is CommandValidationError {
    return hasErrorMarker(error, COMMAND_VALIDATION_ERROR);
  }
}

/**
 * The printkit error for a non-2xx reply. `operation` names the request (`GET /app/printers/{uuid}`),
 * `text` is the reply body.
 */
export function errorFromReply(status: number, text: string, operation: string): Error {
  const decoded = decodeErrorBody(text);
  // Server text is kept on the error in full nowhere: a 10 MB message must not ride along in a field.
  const body = decoded && {
    code: truncateMessage(decoded.code, 200),
    message: decoded.message === undefined ? undefined : truncateMessage(decoded.message),
    reason: typeof decoded.reason === 'string' ? truncateMessage(decoded.reason) : undefined,
  };
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
