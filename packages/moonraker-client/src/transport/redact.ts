import { ProtocolError } from '@printkit/core-types';

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

/** `payload` as it may be kept on an error: as is, or as masked JSON text when it shows a secret. */
export function redactPayload(payload: unknown, redact: (text: string) => string): unknown {
  if (payload === undefined || payload === null) return payload;
  let text: string | undefined;
  try {
    text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  } catch {
    text = undefined;
  }
  if (text === undefined) return '[payload that cannot be shown]';
  const masked = redact(text);
  return masked === text ? payload : masked;
}

/**
 * `error` as it may leave the client: a `ProtocolError` keeps the payload that broke the protocol,
 * and a careless server may have echoed a credential into it (an API key in a result); such a
 * payload is replaced by its masked text.
 */
export function redactError<E>(error: E, redact: (text: string) => string): E {
  if (!ProtocolError.isInstance(error)) return error;
  const payload = redactPayload(error.payload, redact);
  if (payload === error.payload) return error;
  return new ProtocolError(error.message, {
    payload,
    ...(error.operation === undefined ? {} : { operation: error.operation }),
  }) as E;
}
