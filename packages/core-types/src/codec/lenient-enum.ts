/**
 * Lenient enums: a value a printer may add in a later version must never crash a parser.
 *
 * A known value passes through; an unknown one becomes `'unknown'` and the wire value is kept in a
 * sibling field named `<field>_raw`, so nothing is lost.
 */

/** `T` with `field` narrowed to the known values (or `'unknown'`) and a `<field>_raw` sibling. */
export type WithLenientEnum<T, F extends keyof T & string, V extends string> = {
  // Not `Omit`: it would drop every known key of a type with an index signature (a loose object).
  [K in keyof T as K extends F ? never : K]: T[K];
} & {
  [K in keyof Pick<T, F>]: Exclude<T[K], string> | V | 'unknown';
} & { [K in F as `${K}_raw`]?: string };

export function lenientEnum<
  T extends Record<string, unknown>,
  F extends keyof T & string,
  const V extends string,
>(value: T, field: F, known: readonly V[]): WithLenientEnum<T, F, V> {
  const raw = value[field];
  if (typeof raw !== 'string' || (known as readonly string[]).includes(raw)) {
    return value as unknown as WithLenientEnum<T, F, V>;
  }
  return { ...value, [field]: 'unknown', [`${field}_raw`]: raw } as unknown as WithLenientEnum<T, F, V>;
}

/** Maps a wire string onto the known values, `'unknown'` otherwise. */
export function knownOr<const V extends string>(raw: unknown, known: readonly V[]): V | 'unknown' {
  return typeof raw === 'string' && (known as readonly string[]).includes(raw) ? (raw as V) : 'unknown';
}
