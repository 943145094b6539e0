/**
 * Reply bodies → values: JSON text → the endpoint's validated value, or a `ProtocolError`. Validation
 * goes through core-types' `decodeWith`, whose compiled check answers the common case (a valid reply)
 * without zod copying it (validating a ~2.5 KB printer detail with `safeParse` alone cost ~30 µs).
 */
import { ProtocolError, SECRET_QUERY_KEYS } from '@printkit/core-types';
import { decodeWith } from '@printkit/core-types/codec';
import type * as z from 'zod/mini';
import { ConnectErrorBodySchema } from './schemas.js';
import type { ConnectErrorBody } from './wire.js';

/** Masks the credentials this client sent wherever a server may have echoed them. */
export type Redact = (text: string) => string;

/** Parses a JSON reply body; an empty body is `undefined`. */
export function decodeJson(text: string, operation: string, redact: Redact): unknown {
  if (text.trim() === '') return undefined;
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
  const decoded = decodeWith(schema, json, { what: `reply of ${operation}`, operation });
  if (decoded.ok) return decoded.value as z.output<S>;
  // The payload is kept for callers (the adapter maps a detail field by field from it), minus secrets.
  throw new ProtocolError(decoded.error.message, { operation, payload: redactPayload(json, redact) });
}

/**
 * Reply fields that are credentials: a printer's PrusaLink API key, a camera's upload token, and the
 * usual names (core-types `SECRET_QUERY_KEYS`).
 */
const SECRET_FIELDS = new Set([...SECRET_QUERY_KEYS, 'prusalink_api_key', 'api_key', 'fingerprint']);

/** A copy of `value` with credential fields masked and every string passed through `redact`. */
export function redactPayload(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 32) return '…';
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, redact, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = SECRET_FIELDS.has(key.toLowerCase()) && item !== null && item !== undefined;
    // defineProperty: a wire key named `__proto__` stays an own property of the copy.
    Object.defineProperty(copy, key, {
      value: masked ? '***' : redactPayload(item, redact, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
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
