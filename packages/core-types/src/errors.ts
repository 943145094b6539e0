/**
 * One error hierarchy for every printkit package.
 *
 * Branch on `error.code` or on `XxxError.isInstance(error)`. `isInstance` checks a marker made with
 * `Symbol.for`, so it still works when an app ends up with two copies of this package (where
 * `instanceof` fails). Messages never contain credentials.
 */
import type { Capability } from './capabilities.js';

const MARKER = Symbol.for('printkit.error');

/*
 * Each error class also has a marker of its own, `Symbol.for('printkit.error.<ClassName>')`, set on
 * its instances, so a subclass's `isInstance` is true only for that subclass (and its subclasses), from
 * any copy of the package. Vendor packages mark their subclasses the same way, with `hasErrorMarker`.
 */

/** Whether `error` carries `marker` (set by the class that `marker` names, or one of its subclasses). */
export function hasErrorMarker(error: unknown, marker: symbol): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}

export type PrintkitErrorCode =
  | 'connection'
  | 'timeout'
  | 'auth'
  | 'protocol'
  | 'rejected'
  | 'unsupported'
  | 'invalid-argument'
  | 'aborted';

export interface PrintkitErrorOptions {
  cause?: unknown;
  /** What was being done, e.g. `printer.objects.query` or `GET /app/printers/{uuid}`. */
  operation?: string;
  /** Overrides the class default: whether trying the same thing again later may succeed. */
  retryable?: boolean;
}

export abstract class PrintkitError extends Error {
  readonly [MARKER] = true;
  abstract readonly code: PrintkitErrorCode;
  readonly isRetryable: boolean;
  readonly operation: string | undefined;

  constructor(message: string, options: PrintkitErrorOptions, retryableByDefault: boolean) {
    // Messages often quote what a server said; a 10 MB error page must not become a 10 MB message.
    super(truncateMessage(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.isRetryable = options.retryable ?? retryableByDefault;
    this.operation = options.operation;
  }

  /** True for any printkit error, from any copy of this package. */
  static isInstance(error: unknown): error is PrintkitError {
    return typeof error === 'object' && error !== null && (error as { [MARKER]?: unknown })[MARKER] === true;
  }
}

const CONNECTION_ERROR_MARKER = Symbol.for('printkit.error.ConnectionError');

/** The connection failed, dropped, or was closed while the call was pending. */
export class ConnectionError extends PrintkitError {
  override readonly name: string = 'ConnectionError';
  readonly [CONNECTION_ERROR_MARKER] = true;
  readonly code = 'connection' as const;
  constructor(message: string, options: PrintkitErrorOptions = {}) {
    super(message, options, true);
  }
  static override isInstance(error: unknown): error is ConnectionError {
    return hasErrorMarker(error, CONNECTION_ERROR_MARKER);
  }
}

const TIMEOUT_ERROR_MARKER = Symbol.for('printkit.error.TimeoutError');

/** No answer within the deadline. */
export class TimeoutError extends PrintkitError {
  override readonly name: string = 'TimeoutError';
  readonly [TIMEOUT_ERROR_MARKER] = true;
  readonly code = 'timeout' as const;
  readonly timeoutMs: number;
  constructor(message: string, options: PrintkitErrorOptions & { timeoutMs: number }) {
    super(message, options, true);
    this.timeoutMs = options.timeoutMs;
  }
  static override isInstance(error: unknown): error is TimeoutError {
    return hasErrorMarker(error, TIMEOUT_ERROR_MARKER);
  }
}

const AUTH_ERROR_MARKER = Symbol.for('printkit.error.AuthError');

/** Credentials missing, wrong or expired. */
export class AuthError extends PrintkitError {
  override readonly name: string = 'AuthError';
  readonly [AUTH_ERROR_MARKER] = true;
  readonly code = 'auth' as const;
  /** HTTP status when the refusal came over HTTP. */
  readonly status: number | undefined;
  constructor(message: string, options: PrintkitErrorOptions & { status?: number } = {}) {
    super(message, options, false);
    this.status = options.status;
  }
  static override isInstance(error: unknown): error is AuthError {
    return hasErrorMarker(error, AUTH_ERROR_MARKER);
  }
}

const PROTOCOL_ERROR_MARKER = Symbol.for('printkit.error.ProtocolError');

/** The printer (or server) sent something that does not follow the protocol. */
export class ProtocolError extends PrintkitError {
  override readonly name: string = 'ProtocolError';
  readonly [PROTOCOL_ERROR_MARKER] = true;
  readonly code = 'protocol' as const;
  /** The offending input, truncated to a readable size. */
  readonly payload: unknown;
  constructor(message: string, options: PrintkitErrorOptions & { payload?: unknown } = {}) {
    super(message, options, false);
    this.payload = truncatePayload(options.payload);
  }
  static override isInstance(error: unknown): error is ProtocolError {
    return hasErrorMarker(error, PROTOCOL_ERROR_MARKER);
  }
}

const PRINTER_REJECTED_ERROR_MARKER = Symbol.for('printkit.error.PrinterRejectedError');

/** The printer understood the request and said no, with its own code and message. */
export class PrinterRejectedError extends PrintkitError {
  override readonly name: string = 'PrinterRejectedError';
  readonly [PRINTER_REJECTED_ERROR_MARKER] = true;
  readonly code = 'rejected' as const;
  /** The vendor's code: a JSON-RPC code, a firmware code such as 10101, or a string such as `CONFLICT_COMMAND`. */
  readonly printerCode: string | number | undefined;
  readonly printerMessage: string | undefined;
  /** HTTP status when the answer came over HTTP. */
  readonly status: number | undefined;
  constructor(
    message: string,
    options: PrintkitErrorOptions & {
      printerCode?: string | number;
      printerMessage?: string;
      status?: number;
    } = {},
  ) {
    super(message, options, false);
    this.printerCode = options.printerCode;
    this.printerMessage = options.printerMessage;
    this.status = options.status;
  }
  static override isInstance(error: unknown): error is PrinterRejectedError {
    return hasErrorMarker(error, PRINTER_REJECTED_ERROR_MARKER);
  }
}

const UNSUPPORTED_ERROR_MARKER = Symbol.for('printkit.error.UnsupportedError');

/** The printer (or this adapter) does not offer that capability. */
export class UnsupportedError extends PrintkitError {
  override readonly name: string = 'UnsupportedError';
  readonly [UNSUPPORTED_ERROR_MARKER] = true;
  readonly code = 'unsupported' as const;
  readonly capability: Capability | string;
  constructor(message: string, options: PrintkitErrorOptions & { capability: Capability | string }) {
    super(message, options, false);
    this.capability = options.capability;
  }
  static override isInstance(error: unknown): error is UnsupportedError {
    return hasErrorMarker(error, UNSUPPORTED_ERROR_MARKER);
  }
}

const INVALID_ARGUMENT_ERROR_MARKER = Symbol.for('printkit.error.InvalidArgumentError');

/**
 * The caller's input was refused before anything was sent: a temperature out of range, a command
 * argument the printer's own rules forbid, a malformed config value.
 */
export class InvalidArgumentError extends PrintkitError {
  override readonly name: string = 'InvalidArgumentError';
  readonly [INVALID_ARGUMENT_ERROR_MARKER] = true;
  readonly code = 'invalid-argument' as const;
  /** Which argument or field, e.g. `celsius` or `kwargs.nozzle_temperature`. */
  readonly argument: string | undefined;
  constructor(message: string, options: PrintkitErrorOptions & { argument?: string } = {}) {
    super(message, options, false);
    this.argument = options.argument;
  }
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasErrorMarker(error, INVALID_ARGUMENT_ERROR_MARKER);
  }
}

const ABORTED_ERROR_MARKER = Symbol.for('printkit.error.AbortedError');

/** The caller aborted the call through its `AbortSignal`. */
export class AbortedError extends PrintkitError {
  override readonly name: string = 'AbortedError';
  readonly [ABORTED_ERROR_MARKER] = true;
  readonly code = 'aborted' as const;
  constructor(message = 'The operation was aborted', options: PrintkitErrorOptions = {}) {
    super(message, options, false);
  }
  static override isInstance(error: unknown): error is AbortedError {
    return hasErrorMarker(error, ABORTED_ERROR_MARKER);
  }
}

const MAX_PAYLOAD_CHARS = 2_000;
const MAX_MESSAGE_CHARS = 1_000;

/** `text` cut to `max` characters, saying how long it was. For messages that quote a server. */
export function truncateMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function truncatePayload(payload: unknown): unknown {
  if (typeof payload === 'string' && payload.length > MAX_PAYLOAD_CHARS) {
    return `${payload.slice(0, MAX_PAYLOAD_CHARS)}… (${payload.length} chars)`;
  }
  return payload;
}

/** Wraps anything thrown into a printkit error, keeping printkit errors as they are. */
export function toPrintkitError(error: unknown, operation?: string): PrintkitError {
  if (PrintkitError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectionError(
    message,
    operation === undefined ? { cause: error } : { cause: error, operation },
  );
}
