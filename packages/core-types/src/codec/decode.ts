import { ProtocolError } from '../errors.js';
import { describeIssues } from './describe-issues.js';
import { compileFastCheck } from './fast-check.js';
import type { SchemaLike } from './schema.js';

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export interface DecodeContext {
  /** What was being decoded, for the message: `server.info result`, `print report`. */
  readonly what: string;
  /** The operation, as on every printkit error. */
  readonly operation?: string;
}

/**
 * Validates a wire value against its schema: the value as parsed, or a `ProtocolError` that names the
 * first problems and keeps (a truncated copy of) the payload. Valid values, the common case, take the
 * compiled fast check and are returned without zod copying them.
 */
export function decodeWith<T>(schema: SchemaLike<T>, value: unknown, context: DecodeContext): Decoded<T> {
  const fast = compileFastCheck(schema);
  if (fast?.(value)) return { ok: true, value: value as T };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: new ProtocolError(`Malformed ${context.what}: ${describeIssues(parsed.error)}`, {
      payload: value,
      ...(context.operation === undefined ? {} : { operation: context.operation }),
    }),
  };
}
