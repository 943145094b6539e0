/** Errors that are the user's to fix (arguments, config file): exit code 2, a one-line message. */

export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** The config file is missing, unreadable or invalid; the message names the file and the bad field. */
export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';
}
