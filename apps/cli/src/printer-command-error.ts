/** A printer error with the printer's name, so the message says which printer failed. */
export class PrinterCommandError extends Error {
  override readonly name = 'PrinterCommandError';
  constructor(
    readonly printer: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
