import { ProtocolError, redactPayload } from '@printkit/core-types';

/**
 * `error` as it may leave the client: a `ProtocolError` keeps the payload that broke the protocol,
 * and a careless server may have echoed a credential into it (an API key in a result); such a
 * payload is replaced by its masked text.
 */
export function redactError<E>(error: E, redact: (text: string) => string): E {
  if (!ProtocolError.isInstance(error)) return error;
  if (error.payload === undefined || error.payload === null) return error;
  const payload = redactPayload(error.payload, redact);
  if (JSON.stringify(payload) === JSON.stringify(error.payload)) return error;
  return new ProtocolError(error.message, {
    payload,
    ...(error.operation === undefined ? {} : { operation: error.operation }),
  }) as E;
}
