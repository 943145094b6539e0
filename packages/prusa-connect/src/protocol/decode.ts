/**
 * Reply bodies → values: JSON text → the endpoint's validated value, or a `ProtocolError`. Validation
 * goes through core-types' `decodeWith`, whose compiled check answers the common case (a valid reply)
 * without zod copying it (validating a ~2.5 KB printer detail with `safeParse` alone cost ~30 µs).
 */
import { ProtocolError, redactPayload } from '@printkit/core-types';
import { compileFastCheck, decodeWith } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import { ConnectErrorBodySchema } from './schemas.js';
import type { ConnectErrorBody } from './wire.js';

/** Masks the credentials this client sent wherever a server may have echoed them. */
export type Redact = (text: string) => string;

/** Same answer as `text.trim() === ''`, without copying a reply that starts with its JSON. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) continue;
    // Other Unicode whitespace is rare: let trim() decide.
    return code < 0x80 ? false : text.trim() === '';
  }
  return true;
}

/** Parses a JSON reply body; an empty body is `undefined`. */
export function decodeJson(text: string, operation: string, redact: Redact): unknown {
  if (isBlank(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // No `cause`: V8's SyntaxError quotes the text it choked on, which may be anything the server sent.
    throw new ProtocolError(`${operation} answered with a body that is not JSON`, {
      operation,
      payload: redact(text),
    });
  }
}

/** `json` checked against the endpoint's reply schema: the value as parsed, or a thrown `ProtocolError`. */
export function decodeReply<S extends z.ZodMiniType>(
  schema: S,
  json: unknown,
  operation: string,
  redact: Redact,
): z.output<S> {
  // A valid reply (the common case) is answered by the compiled check alone, before any message text
  // or context object is made for the error case.
  if (compileFastCheck(schema)?.(json)) return json as z.output<S>;
  const decoded = decodeWith(schema, json, { what: `reply of ${operation}`, operation });
  if (decoded.ok) return decoded.value as z.output<S>;
  // The payload is kept for callers (the adapter maps a detail field by field from it), minus secrets.
  throw new ProtocolError(decoded.error.message, { operation, payload: redactPayload(json, redact) });
}

/** Connect's `{code, message, reason?}` error body, or undefined when the text is not one. */
export function decodeErrorBody(text: string): ConnectErrorBody | undefined {
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const decoded = decodeWith(ConnectErrorBodySchema, json, { what: 'error body' });
  return decoded.ok ? (decoded.value as ConnectErrorBody) : undefined;
}
