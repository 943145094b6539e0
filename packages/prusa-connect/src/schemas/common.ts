/**
 * Building blocks shared by every Prusa Connect schema.
 *
 * Two rules hold everywhere: unknown fields pass through untouched (objects are loose), and enum-like
 * string fields accept any string — the known values are offered to the type checker, an unknown one
 * is kept as sent. Together they make a parse lossless, so Prusa adding a field or a state never
 * breaks a caller, and a re-serialised payload equals what arrived.
 */
import { z } from 'zod/mini';

/**
 * A string field whose known values are listed; any other string is kept as it arrived.
 * The type is `Known | (string & {})`: editors still suggest the known values.
 */
export function openEnum<const T extends readonly string[]>(_known: T) {
  return z.custom<T[number] | (string & {})>((value) => typeof value === 'string', {
    error: 'Expected a string',
  });
}

/** Whether `value` is one of `known` (narrows an open enum to its known literals). */
export function isKnown<const T extends readonly string[]>(known: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (known as readonly string[]).includes(value);
}

/** A number the wire sometimes sends as `null` (e.g. `time_remaining` when unknown). */
export const nullableNumber = z.nullable(z.number());

/** Unix timestamp in seconds, possibly fractional (`server_time`, `created`, `last_online`). */
export const unixSeconds = z.number();

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
export type Pager = z.infer<typeof PagerSchema>;

/** Query of every paged list. */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** A JSON value of unknown shape that is kept as it arrived. */
export const anyJson = z.unknown();
