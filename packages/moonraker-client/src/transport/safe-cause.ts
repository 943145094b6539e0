/**
 * The cause to keep on a wrapped error: the original when its messages show nothing `redact` would
 * mask, else a plain copy with masked messages (a runtime's error may quote the URL it was given,
 * user info and oneshot token included). Anything that is not an `Error` becomes a masked `Error` of
 * its text, so no socket or request object (which holds the URL) hangs off an error.
 */
export function safeCause(error: unknown, redact: (text: string) => string, depth = 0): Error | undefined {
  if (error === undefined || error === null) return undefined;
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  const inner = (error as { cause?: unknown }).cause;
  // Deep chains are cut: what matters for a reader is the first few links.
  const safeInner = inner === undefined || depth >= 4 ? undefined : safeCause(inner, redact, depth + 1);
  if (redact(error.message) === error.message && safeInner === inner) return error;
  const copy = new Error(redact(error.message), safeInner === undefined ? undefined : { cause: safeInner });
  copy.name = error.name;
  return copy;
}
