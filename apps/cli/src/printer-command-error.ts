/**
 * A printer error with the printer's name, so the message says which printer failed. `detail` is
 * the cause described for the user with the printer's secrets already masked; `cause` keeps the
 * original for code that branches on it (exit codes) and is never printed.
 */
export class PrinterCommandError extends Error {
  override readonly name = 'PrinterCommandError';
  constructor(
    readonly printer: string,
    override readonly cause: unknown,
    readonly detail: string,
  ) {
    super(detail);
  }
}
