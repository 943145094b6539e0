/**
 * Building blocks shared by every Prusa Connect schema.
 *
 * Two rules hold everywhere: unknown fields pass through untouched (objects are loose), and enum-like
 * string fields accept any string — the known values are offered to the type checker, an unknown one
 * is kept as sent. Together they make a parse lossless, so Prusa adding a field or a state never
 * breaks a caller, and a re-serialised payload equals what arrived.
 */
import * as z from 'zod/mini';

/**
 * A string field whose known values are listed; any other string is kept as it arrived.
 * The type is `Known | (string & {})`: editors still suggest the known values.
 */
export function openEnum<const T extends readonly string[]>(_known: T) {
  return z.custom<T[number] | (string & {})>((value) => typeof value === 'string', {
    error: 'Expected a string',
  });
}

/** A number the wire sometimes sends as `null` (e.g. `time_remaining` when unknown). */
export const nullableNumber = z.nullable(z.number());

/**
 * `pager` of every paged list. `from`/`to` look like Unix timestamps (seconds) bounding the window the
 * server looked at; `total` is missing on some lists (events).
 */
export const PagerSchema = z.looseObject({
  limit: z.optional(z.number()),
  offset: z.optional(z.number()),
  total: z.optional(z.nullable(z.number())),
  from: z.optional(z.nullable(z.number())),
  to: z.optional(z.nullable(z.number())),
});

/** Error codes seen in Connect's error bodies (the protocol notes); others are kept as sent. */
export const CONNECT_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND_PRINTER',
  'NOT_FOUND_ENDPOINT',
  'NOT_FOUND_CAMERA',
  'NOT_FOUND_TEAM',
  'NOT_FOUND',
  'CONFLICT_COMMAND',
  'CONFLICT',
] as const;

/** `{"code": "...", "message": "...", "reason"?: "..."}` — the body of every Connect error reply. */
export const ConnectErrorBodySchema = z.looseObject({
  code: openEnum(CONNECT_ERROR_CODES),
  message: z.optional(z.string()),
  reason: z.optional(z.nullable(z.string())),
});
