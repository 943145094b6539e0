import type { PrinterStatus } from './status.js';

// This runs for every status update of every printer (the adapters compare before they emit), so it
// copies nothing: no rest objects to drop `updatedAt`, no key arrays, no callbacks.

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  return sameOwnFields(a, b, undefined);
}

/** Whether `a` and `b` have the same own enumerable fields, deeply equal, `except` aside. */
function sameOwnFields(a: object, b: object, except: string | undefined): boolean {
  let fields = 0;
  for (const key in a) {
    if (key === except || !Object.hasOwn(a, key)) continue;
    if (!Object.hasOwn(b, key)) return false;
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    fields++;
  }
  for (const key in b) {
    if (key !== except && Object.hasOwn(b, key)) fields--;
  }
  return fields === 0;
}

/** Whether two statuses say the same thing; `updatedAt` alone is not a change. */
export function statusEquals(a: PrinterStatus, b: PrinterStatus): boolean {
  return a === b || sameOwnFields(a, b, 'updatedAt');
}
