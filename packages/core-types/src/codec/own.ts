/**
 * Lookups keyed by wire data. A key a printer sends (`constructor`, `__proto__`, `toString`) must
 * never reach `Object.prototype`: these read own properties only.
 */

/** `record[key]` when `key` is an own property of `record`, otherwise undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether `key` is an own property of `record` (narrows it to the record's keys). */
export function hasOwnKey<K extends string>(record: Readonly<Record<K, unknown>>, key: string): key is K {
  return Object.hasOwn(record, key);
}

/** A frozen lookup table with no prototype, for tables indexed by wire values. */
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
