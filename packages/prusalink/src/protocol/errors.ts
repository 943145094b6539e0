/**
 * PrusaLink's error answers as printkit errors, and the vendor error classes.
 *
 * Errors come as the spec's `Error` object (`{code?, title, text, url?}`) when JSON was accepted, as
 * plain text otherwise, or with no body at all (the firmware's bare status pages):
 * - 401, and 403 (PrusaLink on a Pi refuses a wrong `X-Api-Key` with 403 "Bad X-Api-Key.")
 *   → `PrusaLinkAuthError` (an `AuthError`).
 * - any other status → `PrusaLinkRejectedError` (a `PrinterRejectedError`) with `status`,
 *   `printerCode` (the body's `code`, else the HTTP status) and `printerMessage` (its `text`, or the
 *   plain-text body). 429 and 5xx are retryable.
 * Messages name the request by method and path template, never by URL or header, and server text is
 * passed through `redactText` with the client's secrets, so no credential can leak.
 */
import {
  AuthError,
  hasErrorMarker,
  PrinterRejectedError,
  type PrintkitErrorOptions,
  redactText,
} from '@printkit/core-types';
import { decodeErrorBody } from './decode.js';

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const AUTH_MARKER = Symbol.for('printkit.error.PrusaLinkAuthError');

/** The printer refused the credentials (or asked for some). */
export class PrusaLinkAuthError extends AuthError {
  override readonly name: string = 'PrusaLinkAuthError';
  readonly [AUTH_MARKER] = true;
  /** The scheme the printer asked for in `WWW-Authenticate` (`Digest`, `ApiKey`), when it said. */
  readonly scheme: string | undefined;
  constructor(message: string, options: PrintkitErrorOptions & { status?: number; scheme?: string } = {}) {
    super(message, options);
    this.scheme = options.scheme;
  }
  static override isInstance(error: unknown): error is PrusaLinkAuthError {
    return hasErrorMarker(error, AUTH_MARKER);
  }
}

const REJECTED_MARKER = Symbol.for('printkit.error.PrusaLinkRejectedError');

/** The printer understood the request and said no (404, 409, 400...), with its title and text. */
export class PrusaLinkRejectedError extends PrinterRejectedError {
  override readonly name: string = 'PrusaLinkRejectedError';
  readonly [REJECTED_MARKER] = true;
  /** The spec `Error` object's `title` (e.g. "Conflict"), when the body was one. */
  readonly title: string | undefined;
  /** Link to the Prusa help page for the error code, when sent. */
  readonly helpUrl: string | undefined;
  constructor(
    message: string,
    options: PrintkitErrorOptions & {
      status: number;
      printerCode?: string | number;
      printerMessage?: string;
      title?: string;
      helpUrl?: string;
    },
  ) {
    super(message, options);
    this.title = options.title;
    this.helpUrl = options.helpUrl;
  }
  static override isInstance(error: unknown): error is PrusaLinkRejectedError {
    return hasErrorMarker(error, REJECTED_MARKER);
  }
}

const REASONS: ReadonlyMap<number, string> = new Map([
  [400, 'the request was malformed'],
  [404, 'not found'],
  [405, 'method not allowed'],
  [409, 'conflict with the printer state'],
  [411, 'Content-Length required'],
  [413, 'too large'],
  [503, 'the printer is not ready'],
]);

/** The error for a non-2xx answer. `secrets` are masked out of any server text. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  context: { operation: string; secrets: readonly (string | undefined)[]; authScheme?: string | undefined },
): AuthError | PrusaLinkRejectedError {
  const body = decodeErrorBody(bodyText);
  const rawText = body?.text ?? body?.message ?? (body === undefined ? bodyText.trim() : undefined);
  const serverText = rawText ? redactText(rawText.slice(0, 2_000), context.secrets) : undefined;
  const { operation } = context;
  if (status === 401 || status === 403) {
    const hint =
      status === 401 ? 'check the user name and password (Digest) or the API key' : 'the API key was refused';
    return new PrusaLinkAuthError(`${operation}: ${status} ${hint}${serverText ? ` (${serverText})` : ''}`, {
      operation,
      status,
      ...(context.authScheme === undefined ? {} : { scheme: context.authScheme }),
    });
  }
  const reason = REASONS.get(status) ?? 'refused';
  const code = body?.code ?? undefined;
  return new PrusaLinkRejectedError(
    `${operation}: ${status} ${reason}${serverText ? `: ${serverText}` : ''}`,
    {
      operation,
      status,
      printerCode: code ?? status,
      retryable: isRetryableStatus(status),
      ...(serverText === undefined ? {} : { printerMessage: serverText }),
      ...(body?.title ? { title: redactText(body.title, context.secrets) } : {}),
      ...(body?.url ? { helpUrl: body.url } : {}),
    },
  );
}
