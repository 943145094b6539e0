/** One line per failure on stderr, saying which printer and what to do; never a stack trace. */
import {
  AuthError,
  ConnectionError,
  PrinterRejectedError,
  PrintkitError,
  redactText,
  redactUrl,
  TimeoutError,
  UnsupportedError,
} from '@printkit/core-types';
import { PrinterCommandError } from './printer-command-error.js';
import { UsageError } from './usage-error.js';

/**
 * A short code and a readable message for any error (printkit errors keep their code), with the
 * printer's `secrets` masked: a client or a printer may echo one back.
 */
export function describeError(
  error: unknown,
  secrets: readonly string[] = [],
): { code: string; message: string } {
  const { code, message } = describeUnmasked(error);
  // URLs in a message lose their user info and secret query values even when the secret is unknown.
  const urlsMasked = message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (url) => redactUrl(url));
  return { code, message: redactText(urlsMasked, secrets) };
}

function describeUnmasked(error: unknown): { code: string; message: string } {
  if (UnsupportedError.isInstance(error))
    return { code: 'unsupported', message: `not supported: ${error.message}` };
  if (TimeoutError.isInstance(error))
    return { code: 'timeout', message: `no answer in time: ${error.message}` };
  if (ConnectionError.isInstance(error))
    return { code: 'connection', message: `unreachable: ${error.message}` };
  if (AuthError.isInstance(error))
    return { code: 'auth', message: `authentication refused: ${error.message}` };
  if (PrinterRejectedError.isInstance(error)) {
    return { code: 'rejected', message: `the printer refused: ${error.printerMessage ?? error.message}` };
  }
  if (PrintkitError.isInstance(error)) return { code: error.code, message: error.message };
  if (error instanceof UsageError) return { code: 'usage', message: error.message };
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}

export function errorLine(error: unknown): string {
  if (error instanceof PrinterCommandError) return `${error.printer}: ${error.detail}`;
  return describeError(error).message;
}

/** The error that decides the exit code (a printer error's cause). */
export function rootError(error: unknown): unknown {
  return error instanceof PrinterCommandError ? error.cause : error;
}
