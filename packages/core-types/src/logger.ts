/**
 * The `logger` option every printkit client takes: debug events (connect, reconnect, retries,
 * protocol errors). `console` fits; the default is silent and costs one no-op call. A client never
 * passes a secret to its logger: URLs and headers go through the redaction helpers first.
 */
export interface Logger {
  debug(message: string, details?: Readonly<Record<string, unknown>>): void;
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

const ignore = (): void => {};

/** The default logger: says nothing. */
export const silentLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});
