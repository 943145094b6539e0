/**
 * Selecting requested fields from Klipper objects and diffing two selections, as Klippy's
 * webhooks do: unknown objects come back as `{}`, unknown attributes as `null`, and a status
 * update carries only the fields whose value changed (arrays compared whole, never merged).
 * Object and field names come from the wire: every lookup is an own-property one and every
 * built object has a null prototype, so `constructor` or `__proto__` are just unknown names.
 */
import type { PrinterObjects } from './objects.js';

/** Per object: `null` for every field, or the requested field names. */
export type ObjectRequest = Record<string, readonly string[] | null>;

export function selectStatus(all: PrinterObjects, request: ObjectRequest): PrinterObjects {
  const status: PrinterObjects = Object.create(null);
  for (const [name, fields] of Object.entries(request)) {
    const object = Object.hasOwn(all, name) ? all[name] : undefined;
    if (!object) {
      status[name] = {};
      continue;
    }
    if (fields === null) {
      status[name] = { ...object };
      continue;
    }
    const selected: Record<string, unknown> = Object.create(null);
    for (const field of fields) selected[field] = Object.hasOwn(object, field) ? object[field] : null;
    status[name] = selected;
  }
  return status;
}

/** The fields of `next` that differ from `prev`; objects without a change are left out. */
export function diffStatus(prev: PrinterObjects, next: PrinterObjects): PrinterObjects {
  const diff: PrinterObjects = Object.create(null);
  for (const [name, object] of Object.entries(next)) {
    const before = (Object.hasOwn(prev, name) ? prev[name] : undefined) ?? {};
    let changed: Record<string, unknown> | undefined;
    for (const [field, value] of Object.entries(object)) {
      if (Object.hasOwn(before, field) && sameValue(before[field], value)) continue;
      changed ??= Object.create(null) as Record<string, unknown>;
      changed[field] = value;
    }
    if (changed) diff[name] = changed;
  }
  return diff;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
