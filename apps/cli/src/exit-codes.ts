/** What the exit code says, so scripts can branch on it. Documented in the README and `--help`. */
import {
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  TimeoutError,
  UnsupportedError,
} from '@printkit/core-types';
import { UsageError } from './usage-error.js';

export const EXIT = {
  ok: 0,
  /** The printer refused or failed the command, or something else went wrong at runtime. */
  failed: 1,
  /** Bad arguments (also those a client refuses before sending), bad or missing config file, unknown printer name. */
  usage: 2,
  /** The printer does not support that command (it does not declare the capability). */
  unsupported: 3,
  /** The printer could not be reached, or did not answer in time. */
  unreachable: 4,
  /** The printer (or Prusa Connect) refused the credentials. */
  auth: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(error: unknown): ExitCode {
  // A client's InvalidArgumentError is the user's input too (a -5 °C target, a malformed pin): nothing was sent.
  if (error instanceof UsageError || InvalidArgumentError.isInstance(error)) return EXIT.usage;
  if (UnsupportedError.isInstance(error)) return EXIT.unsupported;
  if (ConnectionError.isInstance(error) || TimeoutError.isInstance(error)) return EXIT.unreachable;
  if (AuthError.isInstance(error)) return EXIT.auth;
  return EXIT.failed;
}

/** With several printers, the most telling code wins: usage, then unreachable, auth, unsupported, failed. */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  const rank: readonly ExitCode[] = [EXIT.usage, EXIT.unreachable, EXIT.auth, EXIT.unsupported, EXIT.failed];
  return rank.find((code) => codes.includes(code)) ?? EXIT.ok;
}
